package dev.hypervisor.scheduler.clusters;

import dev.hypervisor.scheduler.client.ClusterInfo;
import dev.hypervisor.scheduler.client.ClusterServiceClient;
import dev.hypervisor.scheduler.client.UpstreamException;
import dev.hypervisor.scheduler.persistence.KnownClusters;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * What cluster-service says about each cluster (owner, capacity, preemption), kept in memory and in the
 * database ({@link KnownClusters}), so that while cluster-service cannot answer, deployments for a known cluster
 * are still accepted and queued; only placing them waits for it.
 */
@ApplicationScoped
public class ClusterDirectory {

    private static final Logger LOG = Logger.getLogger(ClusterDirectory.class);

    /** What cluster-service last said about each cluster, as kept in {@link KnownClusters} too. */
    private final Map<UUID, ClusterInfo> learned = new ConcurrentHashMap<>();
    private final ClusterServiceClient clusters;
    private final KnownClusters known;
    private final Clock clock;

    public ClusterDirectory(ClusterServiceClient clusters, KnownClusters known, Clock clock) {
        this.clusters = clusters;
        this.known = known;
        this.clock = clock;
    }

    /** The organization that owns the cluster; 404 when cluster-service knows no such cluster. */
    public UUID organizationOf(UUID clusterId) {
        ClusterInfo cluster = learned.get(clusterId);
        return cluster != null ? cluster.organizationId() : cluster(clusterId).organizationId();
    }

    /**
     * The cluster as cluster-service answers it now, kept for when it cannot answer; while it cannot, as it last
     * answered (to this or another instance). 404 ({@link UnknownClusterException}) when cluster-service knows no
     * such cluster; the upstream failure when it cannot answer about a cluster never seen.
     */
    public ClusterInfo cluster(UUID clusterId) {
        Optional<ClusterInfo> answered;
        try {
            answered = clusters.cluster(clusterId);
        } catch (UpstreamException unanswered) {
            ClusterInfo kept = Optional.ofNullable(learned.get(clusterId))
                    .or(() -> QuarkusTransaction.requiringNew().call(() -> known.recall(clusterId)))
                    .orElseThrow(() -> unanswered);
            LOG.debugf("cluster %s: cluster-service cannot answer (%s); going by what it said last", clusterId,
                    unanswered.getMessage());
            learned.put(clusterId, kept);
            return kept;
        }
        if (answered.isEmpty()) {
            learned.remove(clusterId);
            QuarkusTransaction.requiringNew().run(() -> known.forget(clusterId));
            throw new UnknownClusterException(clusterId);
        }
        ClusterInfo cluster = answered.get();
        if (!cluster.equals(learned.put(clusterId, cluster))) {
            QuarkusTransaction.requiringNew().run(() -> known.remember(cluster, clock.instant()));
        }
        return cluster;
    }
}
