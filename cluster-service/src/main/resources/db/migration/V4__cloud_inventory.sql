-- The cloud inventory under the clusters: providers, their data centers, pools of capacity in them, storage
-- devices in pools, and what organizations run there (VMs, disks, partitions, addresses, systems).
--
-- Pools and storage devices are ledger providers (their capacity is in inventories: CPU, MEMORY and DISK for a
-- pool, DISK for a storage device); VMs, disks and pool-backed clusters are ledger consumers. Every size is an
-- exact integer of a base unit (bytes, millicores). Each row carries a version for ETags.

CREATE TABLE cloud_providers (
    id         UUID PRIMARY KEY,
    name       TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    version    BIGINT      NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX cloud_providers_name ON cloud_providers (lower(name));

CREATE TABLE data_centers (
    id          UUID PRIMARY KEY,
    provider_id UUID        NOT NULL REFERENCES cloud_providers (id),
    name        TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    location    TEXT        NOT NULL CHECK (length(location) BETWEEN 1 AND 200),
    version     BIGINT      NOT NULL DEFAULT 1,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX data_centers_name ON data_centers (provider_id, lower(name));

CREATE TABLE pools (
    id             UUID PRIMARY KEY REFERENCES providers (id),
    data_center_id UUID        NOT NULL REFERENCES data_centers (id),
    name           TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    version        BIGINT      NOT NULL DEFAULT 1,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX pools_name ON pools (data_center_id, lower(name));

CREATE TABLE storage_devices (
    id         UUID PRIMARY KEY REFERENCES providers (id),
    pool_id    UUID        NOT NULL REFERENCES pools (id),
    name       TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    version    BIGINT      NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX storage_devices_name ON storage_devices (pool_id, lower(name));

CREATE TABLE operating_systems (
    id         UUID PRIMARY KEY,
    name       TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    version    BIGINT      NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX operating_systems_name ON operating_systems (lower(name));

-- A VM holds a claim on its pool (CPU and MEMORY) under its own id for as long as it exists; deleting it
-- releases the claim (the ledger's journal keeps its history).
CREATE TABLE vms (
    id              UUID PRIMARY KEY,
    organization_id UUID        NOT NULL,
    pool_id         UUID        NOT NULL REFERENCES pools (id),
    name            TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    instance_type   TEXT        NOT NULL CHECK (length(instance_type) BETWEEN 1 AND 100),
    status          TEXT        NOT NULL CHECK (status IN ('PROVISIONING', 'RUNNING', 'STOPPED', 'FAILED')),
    cpu_millis      BIGINT      NOT NULL CHECK (cpu_millis > 0),
    memory_bytes    BIGINT      NOT NULL CHECK (memory_bytes > 0),
    os_id           UUID REFERENCES operating_systems (id),
    custom_os       TEXT CHECK (length(custom_os) BETWEEN 1 AND 100),
    owner_id        UUID        NOT NULL,
    version         BIGINT      NOT NULL DEFAULT 1,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    -- an operating system from the catalog or a custom one, never both, never neither
    CHECK ((os_id IS NULL) <> (custom_os IS NULL))
);
-- Names are unique per organization regardless of case.
CREATE UNIQUE INDEX vms_name ON vms (organization_id, lower(name));
CREATE INDEX vms_by_organization ON vms (organization_id, created_at, id);
CREATE INDEX vms_by_pool ON vms (pool_id);
CREATE INDEX vms_by_os ON vms (os_id);
