-- Systems: named groups of an organization's VMs (a VM may be in many systems, a system has many VMs). A
-- deleted VM leaves its systems.
CREATE TABLE systems (
    id              UUID PRIMARY KEY,
    organization_id UUID        NOT NULL,
    name            TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    description     TEXT        NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
    version         BIGINT      NOT NULL DEFAULT 1,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX systems_name ON systems (organization_id, lower(name));
CREATE INDEX systems_by_organization ON systems (organization_id, created_at, id);

CREATE TABLE system_vms (
    system_id UUID NOT NULL REFERENCES systems (id) ON DELETE CASCADE,
    vm_id     UUID NOT NULL REFERENCES vms (id) ON DELETE CASCADE,
    PRIMARY KEY (system_id, vm_id)
);
CREATE INDEX system_vms_by_vm ON system_vms (vm_id);

-- A cluster carved from a pool claims its CPU and memory from the pool under the cluster's id.
ALTER TABLE clusters ADD COLUMN pool_id UUID REFERENCES pools (id);
