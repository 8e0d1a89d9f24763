package dev.hypervisor.scheduler.scheduling;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The clusters asked for a pass and not yet taken up, in the order asked. A cluster asked for again while it
 * waits is one request; a pass thread takes every cluster waiting (up to a pass's worth) at once.
 */
final class PassRequests {

    private final Set<UUID> requested = new LinkedHashSet<>();

    synchronized void add(UUID clusterId) {
        if (requested.add(clusterId)) {
            notify();
        }
    }

    /** Waits until a cluster is asked for, then takes up to {@code most} of those waiting, oldest first. */
    synchronized List<UUID> take(int most) throws InterruptedException {
        while (requested.isEmpty()) {
            wait();
        }
        List<UUID> taken = new ArrayList<>();
        Iterator<UUID> next = requested.iterator();
        while (next.hasNext() && taken.size() < most) {
            taken.add(next.next());
            next.remove();
        }
        return taken;
    }
}
