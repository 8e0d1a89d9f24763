package dev.hypervisor.scheduler.persistence;

import dev.hypervisor.runtime.sql.Sql;
import dev.hypervisor.runtime.sql.SqlArray;
import dev.hypervisor.scheduler.persistence.DeploymentRepository.Due;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The executor_leases table: each cluster's last heartbeat, and who it did not list. */
@ApplicationScoped
public class ExecutorLeaseRepository {

    /** A cluster's lease as its last heartbeat left it. */
    public record Lease(UUID clusterId, String executorId, Instant lastHeartbeatAt, Set<UUID> missed) {
    }

    private final Sql sql;

    public ExecutorLeaseRepository(Sql sql) {
        this.sql = sql;
    }

    public Optional<Lease> find(UUID clusterId) {
        return sql.one("SELECT cluster_id, executor_id, last_heartbeat_at, missed::text[] AS missed"
                        + " FROM executor_leases WHERE cluster_id = ?",
                row -> {
                    List<UUID> missed = new ArrayList<>();
                    row.strings("missed").forEach(id -> missed.add(UUID.fromString(id)));
                    return new Lease(row.uuid("cluster_id"), row.string("executor_id"),
                            row.instant("last_heartbeat_at"), Set.copyOf(missed));
                }, clusterId);
    }

    public void save(Lease lease) {
        sql.update("INSERT INTO executor_leases (cluster_id, executor_id, last_heartbeat_at, missed)"
                        + " VALUES (?, ?, ?, ?) ON CONFLICT (cluster_id) DO UPDATE SET"
                        + " executor_id = EXCLUDED.executor_id, last_heartbeat_at = EXCLUDED.last_heartbeat_at,"
                        + " missed = EXCLUDED.missed",
                lease.clusterId(), lease.executorId(), lease.lastHeartbeatAt(), SqlArray.uuids(lease.missed()));
    }

    /**
     * The running deployments of clusters whose executor has sent no heartbeat since {@code silentSince}, that have
     * run since before it (a live executor would have listed them): at most {@code limit}.
     */
    public List<Due> lostBy(Instant silentSince, int limit) {
        return sql.list("SELECT d.id, d.cluster_id FROM executor_leases l JOIN deployments d"
                        + " ON d.cluster_id = l.cluster_id AND d.status IN ('RUNNING', 'PREEMPTING')"
                        + " WHERE l.last_heartbeat_at <= ? AND d.started_at <= ? LIMIT ?",
                row -> new Due(row.uuid("id"), row.uuid("cluster_id")), silentSince, silentSince, limit);
    }
}
