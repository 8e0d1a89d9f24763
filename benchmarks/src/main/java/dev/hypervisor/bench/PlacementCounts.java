package dev.hypervisor.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the {@code DeploymentPlaced} events seen say. Delivery is at least once, so the same event (same id) may
 * come again, after a broker or database restart say: that is a <em>redelivery</em>, not a placement. A
 * deployment placed by a second, different event while it still runs is a <em>duplicate</em> placement, a real
 * fault; one placed again after it was preempted is an ordinary placement.
 */
final class PlacementCounts {

    /** How one placement event counts. */
    enum Seen { PLACEMENT, REDELIVERY, DUPLICATE }

    private final Set<UUID> events = new HashSet<>();
    /** The deployments placed and not preempted since. */
    private final Set<UUID> placed = new HashSet<>();
    private final Map<Seen, Long> counts = new HashMap<>();

    synchronized Seen placed(UUID eventId, UUID deploymentId) {
        Seen seen;
        if (!events.add(eventId)) {
            seen = Seen.REDELIVERY;
        } else if (!placed.add(deploymentId)) {
            seen = Seen.DUPLICATE;
        } else {
            seen = Seen.PLACEMENT;
        }
        counts.merge(seen, 1L, Long::sum);
        return seen;
    }

    /** The deployment was preempted: placing it again is a placement like the first. */
    synchronized void preempted(UUID deploymentId) {
        placed.remove(deploymentId);
    }

    /** Distinct placements: every placement event once, duplicates included, redeliveries not. */
    synchronized long placements() {
        return count(Seen.PLACEMENT) + count(Seen.DUPLICATE);
    }

    synchronized long count(Seen seen) {
        return counts.getOrDefault(seen, 0L);
    }
}
