-- A VM's disks, each claiming its size from a storage device of the VM's pool under the disk's id, and the
-- partitions of a disk, which must fit in it (checked under a lock on the disk row). Both carry the VM's
-- organization, so lists stay within the caller's organizations without a join.
CREATE TABLE disks (
    id                UUID PRIMARY KEY,
    organization_id   UUID        NOT NULL,
    vm_id             UUID        NOT NULL REFERENCES vms (id),
    storage_device_id UUID        NOT NULL REFERENCES storage_devices (id),
    size_bytes        BIGINT      NOT NULL CHECK (size_bytes > 0),
    version           BIGINT      NOT NULL DEFAULT 1,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX disks_by_organization ON disks (organization_id, created_at, id);
CREATE INDEX disks_by_vm ON disks (vm_id);
CREATE INDEX disks_by_storage_device ON disks (storage_device_id);

CREATE TABLE partitions (
    id              UUID PRIMARY KEY,
    organization_id UUID        NOT NULL,
    disk_id         UUID        NOT NULL REFERENCES disks (id),
    size_bytes      BIGINT      NOT NULL CHECK (size_bytes > 0),
    filesystem      TEXT        NOT NULL CHECK (filesystem IN ('ext4', 'xfs', 'btrfs', 'zfs', 'ntfs', 'fat32', 'swap')),
    version         BIGINT      NOT NULL DEFAULT 1,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX partitions_by_organization ON partitions (organization_id, created_at, id);
CREATE INDEX partitions_by_disk ON partitions (disk_id);
