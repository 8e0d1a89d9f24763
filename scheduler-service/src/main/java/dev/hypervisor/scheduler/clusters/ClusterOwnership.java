package dev.hypervisor.scheduler.clusters;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.utils.Utils;

/**
 * Which clusters this instance schedules: those whose intake partition Kafka's consumer group assigned to it.
 * The intake topic is keyed by cluster id, so a cluster's partition is the one Kafka's default partitioner
 * picks for that key. Only the owner runs a cluster's scheduling passes; any instance may change a cluster's
 * deployments (the cluster's change lock keeps them in order, see {@code ClusterChange}).
 */
@ApplicationScoped
public class ClusterOwnership {

    private volatile Set<Integer> owned = Set.of();
    private volatile int partitionCount;
    /** When this instance took each partition it owns. */
    private final Map<Integer, Instant> ownedSince = new ConcurrentHashMap<>();
    private final Clock clock;

    public ClusterOwnership(Clock clock) {
        this.clock = clock;
    }

    /** True when this instance schedules the cluster; false for every cluster until the first assignment. */
    public boolean owns(UUID clusterId) {
        int partitions = partitionCount;
        return partitions > 0 && owned.contains(partitionOf(clusterId, partitions));
    }

    /** The intake partition of a cluster: the default partitioner's choice for its id as the record key. */
    public static int partitionOf(UUID clusterId, int partitions) {
        byte[] key = clusterId.toString().getBytes(StandardCharsets.UTF_8);
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    public synchronized void assigned(Collection<Integer> partitions, int partitionsOfTopic) {
        Set<Integer> now = new HashSet<>(owned);
        Instant at = clock.instant();
        partitions.forEach(partition -> ownedSince.putIfAbsent(partition, at));
        now.addAll(partitions);
        partitionCount = partitionsOfTopic;
        owned = Set.copyOf(now);
    }

    public synchronized void revoked(Collection<Integer> partitions) {
        Set<Integer> now = new HashSet<>(owned);
        now.removeAll(partitions);
        partitions.forEach(ownedSince::remove);
        owned = Set.copyOf(now);
    }

    /**
     * Since when this instance has scheduled the cluster without a break; empty when it does not. What happened to
     * the cluster before (an executor's heartbeats, say) may not have been seen here.
     */
    public Optional<Instant> ownedSince(UUID clusterId) {
        int partitions = partitionCount;
        return partitions == 0 ? Optional.empty()
                : Optional.ofNullable(ownedSince.get(partitionOf(clusterId, partitions)));
    }

    /** How many partitions the intake topic has; 0 until the first assignment. */
    public int partitionCount() {
        return partitionCount;
    }

    /** The intake partitions this instance owns. */
    public Set<Integer> partitions() {
        return owned;
    }
}
