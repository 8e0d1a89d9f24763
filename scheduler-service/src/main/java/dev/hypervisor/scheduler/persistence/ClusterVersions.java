package dev.hypervisor.scheduler.persistence;

import dev.hypervisor.runtime.sql.Sql;
import dev.hypervisor.runtime.sql.SqlArray;
import dev.hypervisor.runtime.sql.SqlQuery;
import dev.hypervisor.runtime.sql.SqlStatement;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
            INSERT INTO cluster_versions (cluster_id, version) SELECT unnest(?::uuid[]), 1
            ON CONFLICT (cluster_id) DO UPDATE SET version = cluster_versions.version + 1""";

    /**
     * The order in which to lock several clusters: by the key of their advisory lock (two clusters may share
     * one), then by id.
     */
    public static final Comparator<UUID> LOCK_ORDER = Comparator.comparingLong(ClusterVersions::lockKey)
            .thenComparing(Comparator.naturalOrder());

    private final Sql sql;

    public ClusterVersions(Sql sql) {
        this.sql = sql;
    }

    /**
     * Takes the clusters' change locks until the transaction ends (transaction-scoped advisory locks: no other
     * change to these clusters, from any instance, runs meanwhile, and taking them writes nothing), in the order
     * given, then answers each cluster's version as last committed: 0 when it never changed. One round trip of two
     * statements, whatever the number of clusters: the locks are taken one after the other by one statement, and
     * the versions are read by a statement sent right behind it, so only once they are held. Callers that lock
     * several clusters lock them in {@link #LOCK_ORDER}, so that two of them never wait for each other.
     */
    public Map<UUID, Long> lock(List<UUID> clusterIds) {
        SqlQuery<Boolean> locks = new SqlQuery<>("SELECT pg_advisory_xact_lock(key) IS NULL AS locked"
                + " FROM unnest(?::bigint[]) WITH ORDINALITY AS k(key, n) ORDER BY n",
                row -> row.bool("locked"), SqlArray.longs(clusterIds.stream().map(ClusterVersions::lockKey).toList()));
        SqlQuery<Map.Entry<UUID, Long>> versions = new SqlQuery<>(
                "SELECT cluster_id, version FROM cluster_versions WHERE cluster_id = ANY(?)",
                row -> Map.entry(row.uuid("cluster_id"), row.longValue("version")), SqlArray.uuids(clusterIds));
        sql.listTogether(List.of(locks, versions));
        Map<UUID, Long> current = new HashMap<>();
        clusterIds.forEach(clusterId -> current.put(clusterId, 0L));
        versions.rows().forEach(version -> current.put(version.getKey(), version.getValue()));
        return current;
    }

    private static long lockKey(UUID clusterId) {
        return clusterId.getMostSignificantBits() ^ clusterId.getLeastSignificantBits();
    }

    /**
     * The statement that advances each of the clusters' versions by one, for a change to send with its other writes;
     * under the change locks, each new version is the one {@link #lock} answered plus one.
     */
    public SqlStatement advancing(Collection<UUID> clusterIds) {
        return new SqlStatement(ADVANCE, SqlArray.uuids(clusterIds));
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
