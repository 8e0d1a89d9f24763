package dev.hypervisor.cluster.inventory.persistence;

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

/** Systems and which VMs are in them. */
@ApplicationScoped
public class SystemRepository {

    private static final String COLUMNS = "s.id, s.organization_id, s.name, s.description,"
            + " ARRAY(SELECT vm_id FROM system_vms WHERE system_id = s.id ORDER BY vm_id)::text[] AS vm_ids,"
            + " s.version, s.created_at, s.updated_at";
    private static final RowMapper<SystemRecord> SYSTEM = row -> new SystemRecord(row.uuid("id"),
            row.uuid("organization_id"), row.string("name"), row.string("description"),
            row.strings("vm_ids").stream().map(UUID::fromString).toList(), row.longValue("version"),
            row.instant("created_at"), row.instant("updated_at"));

    private final Sql sql;

    public SystemRepository(Sql sql) {
        this.sql = sql;
    }

    /** Stores the system unless its organization has one of that name (in any case); answers whether it did. */
    public boolean insert(UUID id, UUID organizationId, String name, String description, Instant now) {
        return sql.update("INSERT INTO systems (id, organization_id, name, description, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", id, organizationId, name, description, now,
                now) == 1;
    }

    public Optional<SystemRecord> find(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM systems s WHERE s.id = ?", SYSTEM, id);
    }

    /** Systems of the organizations, oldest first after the cursor, optionally only those holding a VM. */
    public List<SystemRecord> list(Collection<UUID> organizationIds, Optional<UUID> vmId, Instant afterCreatedAt,
                                   UUID afterId, int limit) {
        String withVm = vmId.isPresent()
                ? " AND EXISTS (SELECT 1 FROM system_vms m WHERE m.system_id = s.id AND m.vm_id = ?)" : "";
        List<Object> values = new ArrayList<>(List.of(SqlArray.uuids(organizationIds)));
        vmId.ifPresent(values::add);
        values.addAll(List.of(afterCreatedAt, afterId, limit));
        return sql.list("SELECT " + COLUMNS + " FROM systems s WHERE s.organization_id = ANY(?)" + withVm
                + " AND (s.created_at, s.id) > (?, ?) ORDER BY s.created_at, s.id LIMIT ?", SYSTEM, values.toArray());
    }

    /** Writes name and description if the system is still at {@code expectedVersion}; empty when it moved on. */
    public Optional<SystemRecord> update(UUID id, long expectedVersion, String name, String description, Instant now) {
        int changed = sql.update("UPDATE systems SET name = ?, description = ?, updated_at = ?, version = version + 1"
                + " WHERE id = ? AND version = ?", name, description, now, id, expectedVersion);
        return changed == 1 ? find(id) : Optional.empty();
    }

    public void addVm(UUID systemId, UUID vmId) {
        sql.update("INSERT INTO system_vms (system_id, vm_id) VALUES (?, ?) ON CONFLICT DO NOTHING", systemId, vmId);
    }

    public void removeVm(UUID systemId, UUID vmId) {
        sql.update("DELETE FROM system_vms WHERE system_id = ? AND vm_id = ?", systemId, vmId);
    }

    public void delete(UUID id) {
        sql.update("DELETE FROM systems WHERE id = ?", id);
    }
}
