package dev.hypervisor.scheduler.persistence;

import dev.hypervisor.runtime.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The version of each cluster's deployments (see {@code V3__cluster_versions.sql}), and the notice a change
 * sends to the other scheduler instances when it commits.
 */
@ApplicationScoped
public class ClusterVersions {

    /** The PostgreSQL channel on which a committed change names its cluster. */
    public static final String CHANNEL = "hypervisor_cluster_changed";

    private final Sql sql;

    public ClusterVersions(Sql sql) {
        this.sql = sql;
    }

    /**
     * Takes the cluster's change lock until the transaction ends (a transaction-scoped advisory lock: no other
     * change to the cluster, from any instance, runs meanwhile, and taking it writes nothing), then answers the
     * cluster's version as last committed: 0 when it never changed.
     */
    public long lock(UUID clusterId) {
        sql.one("SELECT pg_advisory_xact_lock(?) IS NULL AS locked", row -> row.bool("locked"),
                clusterId.getMostSignificantBits() ^ clusterId.getLeastSignificantBits());
        return current(clusterId);
    }

    /** Advances the cluster's version, under its change lock, and answers the new one. */
    public long advance(UUID clusterId) {
        return sql.one("""
                        INSERT INTO cluster_versions (cluster_id, version) VALUES (?, 1)
                        ON CONFLICT (cluster_id) DO UPDATE SET version = cluster_versions.version + 1
                        RETURNING version""", row -> row.longValue("version"), clusterId).orElseThrow();
    }

    /** The cluster's version as last committed; 0 when it never changed. */
    public long current(UUID clusterId) {
        return sql.one("SELECT version FROM cluster_versions WHERE cluster_id = ?", row -> row.longValue("version"),
                clusterId).orElse(0L);
    }

    /** Tells every instance listening that the cluster changed, when (and only if) the transaction commits. */
    public void announce(UUID clusterId) {
        sql.one("SELECT pg_notify(?, ?) AS sent", row -> true, CHANNEL, clusterId.toString());
    }
}
