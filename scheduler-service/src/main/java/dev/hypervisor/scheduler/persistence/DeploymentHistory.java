package dev.hypervisor.scheduler.persistence;

import dev.hypervisor.runtime.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Each deployment's events as they were published, in order: its timeline. The outbox relay writes it
 * ({@link Outbox#takeOldest}); events older than the retention period are let go ({@link #forgetBefore}).
 */
@ApplicationScoped
public class DeploymentHistory {

    private final Sql sql;

    public DeploymentHistory(Sql sql) {
        this.sql = sql;
    }

    /** Lets go of at most {@code limit} events recorded before {@code cutoff}; answers how many. */
    public int forgetBefore(Instant cutoff, int limit) {
        return sql.update("DELETE FROM deployment_history WHERE ctid IN (SELECT ctid FROM deployment_history"
                + " WHERE recorded_at < ? LIMIT ?)", cutoff, limit);
    }

    /**
     * The cluster's published events after the one with this id, oldest first, if that one was recorded since
     * {@code notBefore}; none when it was not (older, or no event of the cluster). The cluster's rows are read
     * newest first until that event, so the cost is what came after it.
     */
    public List<byte[]> ofClusterAfter(UUID clusterId, UUID eventId, Instant notBefore) {
        return sql.list("SELECT payload FROM deployment_history WHERE cluster_id = ? AND seq > (SELECT seq"
                + " FROM deployment_history WHERE cluster_id = ? AND event_id = ? AND recorded_at >= ?"
                + " ORDER BY seq DESC LIMIT 1) ORDER BY seq", row -> row.bytes("payload"), clusterId, clusterId,
                eventId, notBefore);
    }

    /** The deployment's published events, each as its JSON envelope, oldest first. */
    public List<byte[]> of(UUID deploymentId) {
        return sql.list("SELECT payload FROM deployment_history WHERE deployment_id = ? ORDER BY seq",
                row -> row.bytes("payload"), deploymentId);
    }
}
