package dev.hypervisor.cluster.inventory.persistence;

import dev.hypervisor.cluster.inventory.domain.Filesystem;
import dev.hypervisor.runtime.sql.RowMapper;
import dev.hypervisor.runtime.sql.Sql;
import dev.hypervisor.runtime.sql.SqlArray;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Disks and their partitions. */
@ApplicationScoped
public class DiskRepository {

    private static final String DISK_COLUMNS = "d.id, d.organization_id, d.vm_id, d.storage_device_id, d.size_bytes,"
            + " (SELECT coalesce(sum(p.size_bytes), 0) FROM partitions p WHERE p.disk_id = d.id) AS partitioned,"
            + " d.version, d.created_at, d.updated_at";
    private static final RowMapper<DiskRecord> DISK = row -> new DiskRecord(row.uuid("id"),
            row.uuid("organization_id"), row.uuid("vm_id"), row.uuid("storage_device_id"), row.longValue("size_bytes"),
            row.longValue("partitioned"), row.longValue("version"), row.instant("created_at"),
            row.instant("updated_at"));
    private static final String PARTITION_COLUMNS = "id, organization_id, disk_id, size_bytes, filesystem, version,"
            + " created_at, updated_at";
    private static final RowMapper<PartitionRecord> PARTITION = row -> new PartitionRecord(row.uuid("id"),
            row.uuid("organization_id"), row.uuid("disk_id"), row.longValue("size_bytes"),
            Filesystem.of(row.string("filesystem")).orElseThrow(), row.longValue("version"),
            row.instant("created_at"), row.instant("updated_at"));

    private final Sql sql;

    public DiskRepository(Sql sql) {
        this.sql = sql;
    }

    public void insert(DiskRecord disk) {
        sql.update("INSERT INTO disks (id, organization_id, vm_id, storage_device_id, size_bytes, created_at,"
                        + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", disk.id(), disk.organizationId(), disk.vmId(),
                disk.storageDeviceId(), disk.sizeBytes(), disk.createdAt(), disk.updatedAt());
    }

    public Optional<DiskRecord> find(UUID id) {
        return sql.one("SELECT " + DISK_COLUMNS + " FROM disks d WHERE d.id = ?", DISK, id);
    }

    /**
     * The disk, locked: its partitions are decided one change at a time. The lock is taken first and the disk
     * read after, in a statement of its own: a statement that waited for the lock would still sum the partitions
     * as they were before the wait (READ COMMITTED re-checks the locked row, not its subqueries).
     */
    public Optional<DiskRecord> lock(UUID id) {
        boolean exists = sql.one("SELECT id FROM disks WHERE id = ? FOR UPDATE", row -> true, id).orElse(false);
        return exists ? find(id) : Optional.empty();
    }

    public List<DiskRecord> list(Collection<UUID> organizationIds, Optional<UUID> vmId, Optional<UUID> storageDeviceId,
                                 Instant afterCreatedAt, UUID afterId, int limit) {
        StringBuilder query = new StringBuilder("SELECT " + DISK_COLUMNS + " FROM disks d WHERE d.organization_id = ANY(?)");
        List<Object> values = new ArrayList<>(List.of(SqlArray.uuids(organizationIds)));
        vmId.ifPresent(vm -> {
            query.append(" AND d.vm_id = ?");
            values.add(vm);
        });
        storageDeviceId.ifPresent(device -> {
            query.append(" AND d.storage_device_id = ?");
            values.add(device);
        });
        query.append(" AND (d.created_at, d.id) > (?, ?) ORDER BY d.created_at, d.id LIMIT ?");
        values.addAll(List.of(afterCreatedAt, afterId, limit));
        return sql.list(query.toString(), DISK, values.toArray());
    }

    public DiskRecord resize(UUID id, long sizeBytes, Instant now) {
        sql.update("UPDATE disks SET size_bytes = ?, updated_at = ?, version = version + 1 WHERE id = ?", sizeBytes,
                now, id);
        return find(id).orElseThrow();
    }

    public void delete(UUID id) {
        sql.update("DELETE FROM disks WHERE id = ?", id);
    }

    public boolean vmHasDisks(UUID vmId) {
        return sql.one("SELECT EXISTS (SELECT 1 FROM disks WHERE vm_id = ?) AS found", row -> row.bool("found"), vmId)
                .orElse(false);
    }

    public boolean hasPartitions(UUID diskId) {
        return sql.one("SELECT EXISTS (SELECT 1 FROM partitions WHERE disk_id = ?) AS found", row -> row.bool("found"),
                diskId).orElse(false);
    }

    public void insertPartition(PartitionRecord partition) {
        sql.update("INSERT INTO partitions (" + PARTITION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                partition.id(), partition.organizationId(), partition.diskId(), partition.sizeBytes(),
                partition.filesystem().label(), partition.version(), partition.createdAt(), partition.updatedAt());
    }

    public Optional<PartitionRecord> findPartition(UUID id) {
        return sql.one("SELECT " + PARTITION_COLUMNS + " FROM partitions WHERE id = ?", PARTITION, id);
    }

    public List<PartitionRecord> listPartitions(Collection<UUID> organizationIds, Optional<UUID> diskId,
                                                Instant afterCreatedAt, UUID afterId, int limit) {
        String byDisk = diskId.isPresent() ? " AND disk_id = ?" : "";
        List<Object> values = new ArrayList<>(List.of(SqlArray.uuids(organizationIds)));
        diskId.ifPresent(values::add);
        values.addAll(List.of(afterCreatedAt, afterId, limit));
        return sql.list("SELECT " + PARTITION_COLUMNS + " FROM partitions WHERE organization_id = ANY(?)" + byDisk
                + " AND (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?", PARTITION, values.toArray());
    }

    public PartitionRecord updatePartition(UUID id, long sizeBytes, Filesystem filesystem, Instant now) {
        return sql.one("UPDATE partitions SET size_bytes = ?, filesystem = ?, updated_at = ?, version = version + 1"
                        + " WHERE id = ? RETURNING " + PARTITION_COLUMNS, PARTITION, sizeBytes, filesystem.label(), now,
                id).orElseThrow();
    }

    public void deletePartition(UUID id) {
        sql.update("DELETE FROM partitions WHERE id = ?", id);
    }
}
