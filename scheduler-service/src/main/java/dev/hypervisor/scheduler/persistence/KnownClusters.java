package dev.hypervisor.scheduler.persistence;

import dev.hypervisor.common.resources.Resources;
import dev.hypervisor.runtime.sql.Sql;
import dev.hypervisor.scheduler.client.ClusterInfo;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The scheduler's copy of what cluster-service last said about each cluster (see {@code V5__known_clusters.sql}). */
@ApplicationScoped
public class KnownClusters {

    private final Sql sql;

    public KnownClusters(Sql sql) {
        this.sql = sql;
    }

    /** Keeps what cluster-service answered now, replacing what was kept before. */
    public void remember(ClusterInfo cluster, Instant now) {
        sql.update("""
                        INSERT INTO known_clusters (cluster_id, organization_id, cpu_millis, memory_bytes, gpu,
                                                    preemption_allowed, preemption_grace_seconds, learned_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (cluster_id) DO UPDATE SET organization_id = EXCLUDED.organization_id,
                            cpu_millis = EXCLUDED.cpu_millis, memory_bytes = EXCLUDED.memory_bytes,
                            gpu = EXCLUDED.gpu, preemption_allowed = EXCLUDED.preemption_allowed,
                            preemption_grace_seconds = EXCLUDED.preemption_grace_seconds,
                            learned_at = EXCLUDED.learned_at""",
                cluster.id(), cluster.organizationId(), cluster.capacity().cpuMillis(),
                cluster.capacity().memoryBytes(), cluster.capacity().gpu(), cluster.preemptionAllowed(),
                (int) cluster.preemptionGracePeriod().toSeconds(), now);
    }

    /** What was last learned about the cluster, if anything. */
    public Optional<ClusterInfo> recall(UUID clusterId) {
        return sql.one("SELECT * FROM known_clusters WHERE cluster_id = ?", row -> new ClusterInfo(
                        row.uuid("cluster_id"), row.uuid("organization_id"),
                        new Resources(row.longValue("cpu_millis"), row.longValue("memory_bytes"), row.longValue("gpu")),
                        row.bool("preemption_allowed"), Duration.ofSeconds(row.integer("preemption_grace_seconds"))),
                clusterId);
    }

    /** Forgets a cluster cluster-service says does not exist (any more). */
    public void forget(UUID clusterId) {
        sql.update("DELETE FROM known_clusters WHERE cluster_id = ?", clusterId);
    }
}
