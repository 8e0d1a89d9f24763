package dev.hypervisor.cluster.persistence;

import dev.hypervisor.cluster.domain.Preemption;
import dev.hypervisor.runtime.sql.RowMapper;
import dev.hypervisor.runtime.sql.Sql;
import dev.hypervisor.runtime.sql.SqlArray;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ClusterRepository {

    private static final String COLUMNS = "id, organization_id, name, creator_id, preemption, generation, created_at,"
            + " pool_id, preemption_grace_seconds";
    private static final RowMapper<ClusterRecord> CLUSTER = row -> new ClusterRecord(row.uuid("id"),
            row.uuid("organization_id"), row.string("name"), row.uuid("creator_id"),
            row.enumValue("preemption", Preemption.class), row.longValue("generation"), row.instant("created_at"),
            row.uuid("pool_id"), Duration.ofSeconds(row.integer("preemption_grace_seconds")));

    private final Sql sql;

    public ClusterRepository(Sql sql) {
        this.sql = sql;
    }

    /** Stores the cluster unless its organization has one of that name (in any case); answers whether it did. */
    public boolean insert(ClusterRecord cluster) {
        return sql.update("INSERT INTO clusters (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING", cluster.id(), cluster.organizationId(), cluster.name(),
                cluster.creatorId(), cluster.preemption(), cluster.generation(), cluster.createdAt(), cluster.poolId(),
                (int) cluster.preemptionGracePeriod().toSeconds()) == 1;
    }

    public Optional<ClusterRecord> find(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM clusters WHERE id = ?", CLUSTER, id);
    }

    public Optional<ClusterRecord> lock(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM clusters WHERE id = ? FOR UPDATE", CLUSTER, id);
    }

    /** Clusters of the organizations, oldest first, after the cursor position. */
    public List<ClusterRecord> listIn(Collection<UUID> organizationIds, Instant afterCreatedAt, UUID afterId,
                                      int limit) {
        return sql.list("SELECT " + COLUMNS + " FROM clusters WHERE organization_id = ANY(?)"
                        + " AND (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?",
                CLUSTER, SqlArray.uuids(organizationIds), afterCreatedAt, afterId, limit);
    }

    /**
     * Writes the new name and preemption settings and moves the generation on, if the cluster is still at
     * {@code expectedGeneration}; answers the stored cluster, or empty when the generation had moved.
     */
    public Optional<ClusterRecord> update(UUID id, long expectedGeneration, String name, Preemption preemption,
                                          Duration gracePeriod) {
        return sql.one("UPDATE clusters SET name = ?, preemption = ?, preemption_grace_seconds = ?,"
                        + " generation = generation + 1 WHERE id = ? AND generation = ? RETURNING " + COLUMNS,
                CLUSTER, name, preemption, (int) gracePeriod.toSeconds(), id, expectedGeneration);
    }

    public void delete(UUID id) {
        sql.update("DELETE FROM clusters WHERE id = ?", id);
    }
}
