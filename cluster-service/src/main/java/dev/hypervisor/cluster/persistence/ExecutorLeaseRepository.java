package dev.hypervisor.cluster.persistence;

import dev.hypervisor.runtime.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The last heartbeat of each cluster's executor. */
@ApplicationScoped
public class ExecutorLeaseRepository {

    /** Who serves the cluster, and when it last said so. */
    public record ExecutorLease(UUID clusterId, String executorId, Instant lastHeartbeatAt) {
    }

    private final Sql sql;

    public ExecutorLeaseRepository(Sql sql) {
        this.sql = sql;
    }

    /** Keeps the heartbeat when it is the cluster's newest and the cluster exists; an older one changes nothing. */
    public void record(ExecutorLease heartbeat) {
        sql.update("INSERT INTO executor_leases (cluster_id, executor_id, last_heartbeat_at)"
                        + " SELECT id, ?, ? FROM clusters WHERE id = ?"
                        + " ON CONFLICT (cluster_id) DO UPDATE SET executor_id = EXCLUDED.executor_id,"
                        + " last_heartbeat_at = EXCLUDED.last_heartbeat_at"
                        + " WHERE executor_leases.last_heartbeat_at < EXCLUDED.last_heartbeat_at",
                heartbeat.executorId(), heartbeat.lastHeartbeatAt(), heartbeat.clusterId());
    }

    public Optional<ExecutorLease> find(UUID clusterId) {
        return sql.one("SELECT cluster_id, executor_id, last_heartbeat_at FROM executor_leases WHERE cluster_id = ?",
                row -> new ExecutorLease(row.uuid("cluster_id"), row.string("executor_id"),
                        row.instant("last_heartbeat_at")), clusterId);
    }
}
