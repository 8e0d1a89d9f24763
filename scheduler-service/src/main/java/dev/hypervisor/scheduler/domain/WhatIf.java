package dev.hypervisor.scheduler.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
            // on a cluster with a grace period the victims are asked to stop, and it waits for them as a pass would
            Instant estimatedStartAt = StartEstimate.of(copy, List.of(candidate), Map.of(), policy, now)
                    .get(candidate.id());
            victims.forEach(victim -> copy.stopping(victim, candidate.id()));
            return new Answer(false, victims, copy.explain(policy, now).get(candidate.id()), estimatedStartAt);
        }
        PendingReason reason = copy.explain(policy, now).get(candidate.id());
        Map<UUID, PendingReason> reasons = reason == null ? Map.of() : Map.of(candidate.id(), reason);
        return new Answer(false, List.of(), reason,
                StartEstimate.of(copy, List.of(candidate), reasons, policy, now).get(candidate.id()));
    }
}
