package dev.hypervisor.scheduler.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Who waits for whom among one cluster's pending deployments: for each that waits, its dependencies not yet
 * completed, and for each deployment others wait for, who waits. Not thread-safe: {@link ClusterQueue} guards it.
 */
final class Dependencies {

    /** For each pending deployment that still waits: its dependencies not yet completed. */
    private final Map<UUID, Set<UUID>> unmet = new HashMap<>();
    /** For each deployment others wait for: who waits. */
    private final Map<UUID, Set<UUID>> dependents = new HashMap<>();

    /** The pending deployment waits for these (none: it does not wait). */
    void add(UUID id, Collection<UUID> unmetDependencies) {
        if (unmetDependencies.isEmpty()) {
            return;
        }
        unmet.put(id, new HashSet<>(unmetDependencies));
        unmetDependencies.forEach(dependency -> dependents.computeIfAbsent(dependency, key -> new HashSet<>()).add(id));
    }

    boolean waits(UUID id) {
        return unmet.containsKey(id);
    }

    Set<UUID> unmetOf(UUID id) {
        return Set.copyOf(unmet.getOrDefault(id, Set.of()));
    }

    /** The deployment completed: answers those that waited for it and now wait for nothing. */
    List<UUID> completed(UUID id) {
        List<UUID> free = new ArrayList<>();
        for (UUID dependent : dependents.getOrDefault(id, Set.of())) {
            Set<UUID> waiting = unmet.get(dependent);
            if (waiting != null) {
                waiting.remove(id);
                if (waiting.isEmpty()) {
                    unmet.remove(dependent);
                    free.add(dependent);
                }
            }
        }
        dependents.remove(id);
        return free;
    }

    /** The deployment ended without completing: answers who waited for it directly, and forgets them as such. */
    Set<UUID> endedFor(UUID id) {
        Set<UUID> waiting = dependents.remove(id);
        return waiting == null ? Set.of() : waiting;
    }

    /** The deployment left the queue: it waits for nothing any more. */
    void forget(UUID id) {
        Set<UUID> waitedFor = unmet.remove(id);
        if (waitedFor == null) {
            return;
        }
        waitedFor.forEach(dependency -> {
            Set<UUID> others = dependents.get(dependency);
            if (others != null) {
                others.remove(id);
                if (others.isEmpty()) {
                    dependents.remove(dependency);
                }
            }
        });
    }

    /** A read-only view, not a copy. */
    Map<UUID, Set<UUID>> view() {
        return Collections.unmodifiableMap(unmet);
    }
}
