package dev.hypervisor.scheduler.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * What the policy would do were one more deployment submitted now: decided by the real policy on a copy of the
 * cluster's queue as it is, so nothing is stored, published or changed. The copy costs a walk of the queue, which
 * is a question's cost, never a pass's.
 */
public final class WhatIf {

    /**
     * @param wouldStart true when the next pass would start it
     * @param preempts   the running deployments it would preempt to start (none when it fits as things are); on a
     *                   cluster with a preemption grace period, they would be asked to stop and it would wait
     *                   for them ({@code WAITING_FOR_PREEMPTION})
     * @param pending    why it would wait, when it would
     * @param estimatedStartAt when it would start at the latest, when it would wait and that can be known
     *                   ({@link StartEstimate}); null otherwise
     */
    public record Answer(boolean wouldStart, List<UUID> preempts, PendingReason pending, Instant estimatedStartAt) {
    }

    private WhatIf() {
    }

    public static Answer of(ClusterQueue cluster, QueuedDeployment candidate, Collection<UUID> unmetDependencies,
                            SchedulingPolicy policy, Instant now) {
        ClusterQueue copy = cluster.copy();
        copy.enqueue(candidate, unmetDependencies);
        SchedulingPlan plan = copy.plan(policy, now);
        if (plan.placements().contains(candidate.id())) {
            List<UUID> victims = plan.preemptions().stream()
                    .filter(preemption -> preemption.preemptor().equals(candidate.id()))
                    .flatMap(preemption -> preemption.victims().stream())
                    .toList();
            if (victims.isEmpty() || cluster.preemptionGracePeriod().isZero()) {
                return new Answer(true, victims, null, null);
            }
            // on a cluster with a grace period the victims are asked to stop, and it waits for them as a pass would;
            // when at the latest is played before they are, as the next pass would find them
            Instant estimatedStartAt = copy.explain(policy, now, candidate.id()).orElseThrow().estimatedStartAt();
            victims.forEach(victim -> copy.stopping(victim, candidate.id()));
            return new Answer(false, victims, copy.explain(policy, now).get(candidate.id()), estimatedStartAt);
        }
        QueuePage.Waiting waiting = copy.explain(policy, now, candidate.id()).orElseThrow();
        return new Answer(false, List.of(), waiting.reason(), waiting.estimatedStartAt());
    }
}
