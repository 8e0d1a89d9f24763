-- Subnets of a data center, one per VLAN, whose ranges never overlap within the data center (an exclusion
-- constraint, so two concurrent creations cannot both succeed); and IP addresses, one row per address, unique
-- within their subnet. That an address lies in its subnet and is not its network or broadcast address is
-- checked by the service under the subnet's row lock.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE subnets (
    id             UUID PRIMARY KEY,
    data_center_id UUID        NOT NULL REFERENCES data_centers (id),
    vlan           INTEGER     NOT NULL CHECK (vlan BETWEEN 1 AND 4094),
    cidr           CIDR        NOT NULL,
    version        BIGINT      NOT NULL DEFAULT 1,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    CONSTRAINT subnets_vlan_unique UNIQUE (data_center_id, vlan),
    CONSTRAINT subnets_never_overlap EXCLUDE USING gist (data_center_id WITH =, cidr inet_ops WITH &&)
);
CREATE INDEX subnets_by_data_center ON subnets (data_center_id, created_at, id);

CREATE TABLE ip_addresses (
    id              UUID PRIMARY KEY,
    subnet_id       UUID        NOT NULL REFERENCES subnets (id),
    address         INET        NOT NULL CHECK (masklen(address) = CASE family(address) WHEN 4 THEN 32 ELSE 128 END),
    -- the VM it is attached to, and that VM's organization; neither for an address the platform reserved
    vm_id           UUID REFERENCES vms (id),
    organization_id UUID,
    version         BIGINT      NOT NULL DEFAULT 1,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT ip_addresses_unique UNIQUE (subnet_id, address),
    CHECK ((vm_id IS NULL) = (organization_id IS NULL))
);
CREATE INDEX ip_addresses_by_vm ON ip_addresses (vm_id);
CREATE INDEX ip_addresses_by_organization ON ip_addresses (organization_id, created_at, id);
