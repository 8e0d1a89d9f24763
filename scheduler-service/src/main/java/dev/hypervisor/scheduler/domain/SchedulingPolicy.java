package dev.hypervisor.scheduler.domain;

import dev.hypervisor.common.resources.Resources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The scheduling policy: one pass over a cluster's queue, in queue order.
 * <ul>
 *   <li>A deployment whose dependencies have not all completed is skipped; it blocks nobody.</li>
 *   <li>An eligible deployment that fits in what is free starts. One that does not fit lets those behind it
 *       start if they fit (backfill): without run-time estimates nobody can promise backfill never delays it,
 *       so the bound is time instead. Once a deployment that does not fit has waited longer than the aging
 *       threshold, it holds the capacity: nothing behind it starts until it has, and what is freed
 *       accumulates for it. So nothing starves, and a fresh queue still packs the cluster.</li>
 *   <li>When preemption is allowed, a deployment that does not fit first tries to make room by preempting
 *       running deployments of strictly lower priority ({@link VictimSelection}); all or nothing, and never more
 *       victims for one deployment than {@code mostVictims}.</li>
 *   <li>Every deployment left pending gets its reason and position.</li>
 * </ul>
 * The pass costs one step per pending deployment and never touches the database; the caller applies the plan.
 * A cluster divided into queues is planned by {@link FairSharePass}, whose pass costs one step per queue beyond
 * what it starts.
 */
public final class SchedulingPolicy {

    private final Duration agingThreshold;
    private final int mostVictims;

    public SchedulingPolicy(Duration agingThreshold, int mostVictims) {
        if (agingThreshold.isNegative()) {
            throw new IllegalArgumentException("the aging threshold cannot be negative");
        }
        if (mostVictims < 1) {
            throw new IllegalArgumentException("a preemption must be allowed at least one victim");
        }
        this.agingThreshold = agingThreshold;
        this.mostVictims = mostVictims;
    }

    public SchedulingPlan plan(QueueSnapshot queue) {
        if (!queue.queues().isEmpty()) {
            return new FairSharePass(queue, agingThreshold, mostVictims, false).plan();
        }
        Resources free = queue.capacity().minus(allocated(queue));
        List<RunningDeployment> preemptable = new ArrayList<>(queue.running());
        List<UUID> placements = new ArrayList<>();
        List<Preemption> preemptions = new ArrayList<>();
        Map<UUID, PendingReason> reasons = new HashMap<>();
        UUID holder = null;
        int position = 0;
        for (QueuedDeployment deployment : queue.pending()) {
            position++;
            Set<UUID> unmet = queue.unmetDependencies().getOrDefault(deployment.id(), Set.of());
            if (!unmet.isEmpty()) {
                reasons.put(deployment.id(), PendingReason.waitingFor(position, unmet.stream().sorted().toList()));
                continue;
            }
            boolean fits = deployment.resources().fitsWithin(free);
            if (holder != null) {
                reasons.put(deployment.id(), fits ? PendingReason.heldBy(position, holder)
                        : PendingReason.shortOf(position, deployment.resources().shortfall(free)));
                continue;
            }
            if (!fits && queue.preemptionAllowed()) {
                Optional<List<RunningDeployment>> victims = VictimSelection.choose(deployment, free, preemptable,
                        mostVictims);
                if (victims.isPresent()) {
                    for (RunningDeployment victim : victims.get()) {
                        free = free.plus(victim.deployment().resources());
                        preemptable.remove(victim);
                    }
                    preemptions.add(new Preemption(deployment.id(),
                            victims.get().stream().map(victim -> victim.deployment().id()).toList()));
                    fits = true;
                }
            }
            if (fits) {
                placements.add(deployment.id());
                free = free.minus(deployment.resources());
                continue;
            }
            reasons.put(deployment.id(), PendingReason.shortOf(position, deployment.resources().shortfall(free)));
            if (!deployment.submittedAt().plus(agingThreshold).isAfter(queue.now())) {
                holder = deployment.id();
            }
        }
        return new SchedulingPlan(placements, preemptions, reasons);
    }

    /**
     * The same decisions as {@link #plan}, with a reason for every pending deployment: on a cluster divided into
     * queues, a pass stops each queue at the first deployment that cannot start, and explaining goes on past it.
     */
    public SchedulingPlan explain(QueueSnapshot queue) {
        if (!queue.queues().isEmpty()) {
            return new FairSharePass(queue, agingThreshold, mostVictims, true).plan();
        }
        return plan(queue);
    }

    private static Resources allocated(QueueSnapshot queue) {
        Resources allocated = Resources.ZERO;
        for (RunningDeployment running : queue.running()) {
            allocated = allocated.plus(running.deployment().resources());
        }
        return allocated;
    }
}
