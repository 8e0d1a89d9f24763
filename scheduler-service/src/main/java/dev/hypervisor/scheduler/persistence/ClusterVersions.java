package dev.hypervisor.scheduler.persistence;

import dev.hypervisor.runtime.sql.Sql;
import dev.hypervisor.runtime.sql.SqlQuery;
import dev.hypervisor.runtime.sql.SqlStatement;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * The version of each cluster's deployments (see {@code V3__cluster_versions.sql}), and the notice a change
 * sends to the other scheduler instances when it commits.
 */
@ApplicationScoped
public class ClusterVersions {

    /** The PostgreSQL channel on which a committed change names its cluster. */
    public static final String CHANNEL = "hypervisor_cluster_changed";

    private static final String CURRENT = "SELECT version FROM cluster_versions WHERE cluster_id = ?";
    private static final String ADVANCE = """
            INSERT INTO cluster_versions (cluster_id, version) VALUES (?, 1)
            ON CONFLICT (cluster_id) DO UPDATE SET version = cluster_versions.version + 1""";

    private final Sql sql;

    public ClusterVersions(Sql sql) {
        this.sql = sql;
    }

    /**
     * Takes the cluster's change lock until the transaction ends (a transaction-scoped advisory lock: no other
     * change to the cluster, from any instance, runs meanwhile, and taking it writes nothing), then answers the
     * cluster's version as last committed: 0 when it never changed. One round trip: the version is read by a
     * statement of its own sent right behind the lock's, so it is read only once the lock is held.
     */
    public long lock(UUID clusterId) {
        SqlQuery<Boolean> lock = new SqlQuery<>("SELECT pg_advisory_xact_lock(?) IS NULL AS locked",
                row -> row.bool("locked"), clusterId.getMostSignificantBits() ^ clusterId.getLeastSignificantBits());
        SqlQuery<Long> version = new SqlQuery<>(CURRENT, row -> row.longValue("version"), clusterId);
        sql.listTogether(List.of(lock, version));
        return version.rows().stream().findFirst().orElse(0L);
    }

    /** Advances the cluster's version, under its change lock, and answers the new one. */
    public long advance(UUID clusterId) {
        return sql.one(ADVANCE + " RETURNING version", row -> row.longValue("version"), clusterId).orElseThrow();
    }

    /**
     * The statement that advances the cluster's version by one, for a change to send with its other writes; under
     * the change lock, the new version is the one {@link #lock} answered plus one.
     */
    public SqlStatement advancing(UUID clusterId) {
        return new SqlStatement(ADVANCE, clusterId);
    }

    /** The cluster's version as last committed; 0 when it never changed. */
    public long current(UUID clusterId) {
        return sql.one(CURRENT, row -> row.longValue("version"), clusterId).orElse(0L);
    }

    /** Tells every instance listening that the cluster changed, when (and only if) the transaction commits. */
    public void announce(UUID clusterId) {
        sql.one("SELECT pg_notify(?, ?) AS sent", row -> true, CHANNEL, clusterId.toString());
    }
}
