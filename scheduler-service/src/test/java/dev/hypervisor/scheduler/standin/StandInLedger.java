package dev.hypervisor.scheduler.standin;

import dev.hypervisor.common.resources.Resources;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the scheduler needs of cluster-service's ledger, in memory: clusters with a capacity and claims per consumer,
 * changed by all-or-nothing batches of claims and releases, as {@code POST /api/v1/allocations} changes them.
 */
final class StandInLedger {

    record Cluster(UUID id, UUID organizationId, Resources capacity, boolean preemptionAllowed,
                   String preemptionGracePeriod) {
    }

    record Claim(UUID clusterId, UUID consumerId, Resources resources) {
    }

    record Release(UUID clusterId, UUID consumerId) {
    }

    /** How a batch was answered: 200 applied, 409 something did not fit, 404 an unknown cluster. */
    enum Outcome { APPLIED, INSUFFICIENT_CAPACITY, UNKNOWN_CLUSTER }

    private final Map<UUID, Cluster> clusters = new HashMap<>();
    private final Map<UUID, Claim> claims = new LinkedHashMap<>();

    synchronized void add(Cluster cluster) {
        clusters.put(cluster.id(), cluster);
    }

    synchronized Cluster cluster(UUID id) {
        return clusters.get(id);
    }

    /** The claims on the cluster, by consumer, in the order they were made. */
    synchronized Map<UUID, Resources> claimsOn(UUID clusterId) {
        Map<UUID, Resources> on = new LinkedHashMap<>();
        claims.values().stream().filter(claim -> claim.clusterId().equals(clusterId))
                .forEach(claim -> on.put(claim.consumerId(), claim.resources()));
        return on;
    }

    /** Releases first, then claims (each replacing the consumer's claim); all of it, or nothing when anything fails. */
    synchronized Outcome apply(List<Claim> claimed, List<Release> released) {
        for (Claim claim : claimed) {
            if (!clusters.containsKey(claim.clusterId())) {
                return Outcome.UNKNOWN_CLUSTER;
            }
        }
        Map<UUID, Claim> after = new LinkedHashMap<>(claims);
        released.forEach(release -> after.remove(release.consumerId()));
        claimed.forEach(claim -> after.put(claim.consumerId(), claim));
        for (Cluster cluster : clusters.values()) {
            Resources used = Resources.ZERO;
            for (Claim claim : after.values()) {
                if (claim.clusterId().equals(cluster.id())) {
                    used = used.plus(claim.resources());
                }
            }
            if (!used.fitsWithin(cluster.capacity())) {
                return Outcome.INSUFFICIENT_CAPACITY;
            }
        }
        claims.clear();
        claims.putAll(after);
        return Outcome.APPLIED;
    }
}
