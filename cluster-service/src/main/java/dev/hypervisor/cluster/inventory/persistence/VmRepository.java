package dev.hypervisor.cluster.inventory.persistence;

import dev.hypervisor.cluster.inventory.domain.VmStatus;
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

@ApplicationScoped
public class VmRepository {

    private static final String COLUMNS = "id, organization_id, pool_id, name, instance_type, status, cpu_millis,"
            + " memory_bytes, os_id, custom_os, owner_id, version, created_at, updated_at";
    private static final RowMapper<VmRecord> VM = row -> new VmRecord(row.uuid("id"), row.uuid("organization_id"),
            row.uuid("pool_id"), row.string("name"), row.string("instance_type"),
            row.enumValue("status", VmStatus.class), row.longValue("cpu_millis"), row.longValue("memory_bytes"),
            row.uuid("os_id"), row.string("custom_os"), row.uuid("owner_id"), row.longValue("version"),
            row.instant("created_at"), row.instant("updated_at"));

    private final Sql sql;

    public VmRepository(Sql sql) {
        this.sql = sql;
    }

    /** Stores the VM unless its organization has one of that name (in any case); answers whether it did. */
    public boolean insert(VmRecord vm) {
        return sql.update("INSERT INTO vms (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING", vm.id(), vm.organizationId(), vm.poolId(), vm.name(),
                vm.instanceType(), vm.status(), vm.cpuMillis(), vm.memoryBytes(), vm.osId(), vm.customOs(),
                vm.ownerId(), vm.version(), vm.createdAt(), vm.updatedAt()) == 1;
    }

    public Optional<VmRecord> find(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM vms WHERE id = ?", VM, id);
    }

    public Optional<VmRecord> lock(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM vms WHERE id = ? FOR UPDATE", VM, id);
    }

    /** VMs of the organizations, oldest first after the cursor position, optionally of one pool and status. */
    public List<VmRecord> list(Collection<UUID> organizationIds, Optional<UUID> poolId, Optional<VmStatus> status,
                               Instant afterCreatedAt, UUID afterId, int limit) {
        StringBuilder query = new StringBuilder("SELECT " + COLUMNS + " FROM vms WHERE organization_id = ANY(?)");
        List<Object> values = new ArrayList<>(List.of(SqlArray.uuids(organizationIds)));
        poolId.ifPresent(pool -> {
            query.append(" AND pool_id = ?");
            values.add(pool);
        });
        status.ifPresent(wanted -> {
            query.append(" AND status = ?");
            values.add(wanted);
        });
        query.append(" AND (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?");
        values.addAll(List.of(afterCreatedAt, afterId, limit));
        return sql.list(query.toString(), VM, values.toArray());
    }

    /** Writes the VM's changeable fields and moves its version on; the row is locked by the caller. */
    public VmRecord update(VmRecord vm, Instant now) {
        return sql.one("UPDATE vms SET name = ?, instance_type = ?, status = ?, cpu_millis = ?, memory_bytes = ?,"
                        + " updated_at = ?, version = version + 1 WHERE id = ? RETURNING " + COLUMNS, VM, vm.name(),
                vm.instanceType(), vm.status(), vm.cpuMillis(), vm.memoryBytes(), now, vm.id()).orElseThrow();
    }

    public void delete(UUID id) {
        sql.update("DELETE FROM vms WHERE id = ?", id);
    }
}
