package dev.hypervisor.scheduler.domain;

import java.time.Duration;

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
 *   <li>A gang ({@code replicas}) is one unit: it fits, starts, waits, holds capacity and is preempted whole;
 *       one that may start with fewer ({@code minReplicas}) does so when the whole cannot ({@link GangAdmission}).
 *       </li>
 *   <li>Every deployment left pending gets its reason and position.</li>
 * </ul>
 * A pass never touches the database; the caller applies the plan. A cluster without queues is planned by
 * {@link PriorityPass}, one step per pending deployment; a cluster divided into queues by {@link FairSharePass},
 * whose pass costs one step per queue beyond what it starts.
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
            return new FairSharePass(queue, agingThreshold, mostVictims).plan();
        }
        return new PriorityPass(queue, agingThreshold, mostVictims).plan();
    }

    /**
     * The same decisions as {@link #plan}, with a reason for every pending deployment: on a cluster divided into
     * queues, a pass stops each queue at the first deployment that cannot start, and explaining goes on past it.
     */
    public SchedulingPlan explain(QueueSnapshot queue) {
        return explain(queue, ExplanationScope.everyone());
    }

    /** As {@link #explain(QueueSnapshot)}, walking the queue only until it has come to every one of the scope. */
    SchedulingPlan explain(QueueSnapshot queue, ExplanationScope scope) {
        if (!queue.queues().isEmpty()) {
            return new FairSharePass(queue, agingThreshold, mostVictims, scope).plan();
        }
        return new PriorityPass(queue, agingThreshold, mostVictims, scope).plan();
    }
}
