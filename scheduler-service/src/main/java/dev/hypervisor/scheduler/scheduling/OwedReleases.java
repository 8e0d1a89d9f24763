package dev.hypervisor.scheduler.scheduling;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per cluster, deployments that ended and whose claims a pass is still to release in the ledger. A pass takes at
 * most what one ledger batch may carry; the rest stay owed for the next. Adding and taking are each atomic for a
 * cluster, so a release added while a pass takes the cluster's is either taken or left owed, never dropped.
 */
final class OwedReleases {

    private final Map<UUID, Set<UUID>> owed = new ConcurrentHashMap<>();

    void add(UUID clusterId, Collection<UUID> deployments) {
        if (deployments.isEmpty()) {
            return;
        }
        owed.compute(clusterId, (id, releases) -> {
            Set<UUID> updated = releases == null ? new LinkedHashSet<>() : releases;
            updated.addAll(deployments);
            return updated;
        });
    }

    /** Up to {@code max} of the cluster's owed releases, oldest first; they are no longer owed. */
    List<UUID> take(UUID clusterId, int max) {
        List<UUID> taken = new ArrayList<>();
        owed.computeIfPresent(clusterId, (id, releases) -> {
            Iterator<UUID> next = releases.iterator();
            while (next.hasNext() && taken.size() < max) {
                taken.add(next.next());
                next.remove();
            }
            return releases.isEmpty() ? null : releases;
        });
        return taken;
    }

    /** The clusters that are owed releases now. */
    Set<UUID> clusters() {
        return Set.copyOf(owed.keySet());
    }

    /** The cluster's releases are no one's to send any more (its claims went with it, or another instance's). */
    void forget(UUID clusterId) {
        owed.remove(clusterId);
    }
}
