package dev.hypervisor.scheduler.domain;

import dev.hypervisor.common.resources.Resources;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.UUID;

/**
 * A cluster's queue as one scheduling pass sees it.
 *
 * @param pending             the pending deployments in queue order
 * @param unmetDependencies   for each pending deployment that waits for dependencies, those not yet completed
 * @param preemptionAllowed   the cluster's setting: may lower-priority deployments be preempted (and lent
 *                            capacity be reclaimed)
 * @param queues              the cluster's queues by name; empty when it has none
 * @param ready               the pending deployments that wait for no dependency, by queue (null for those of no
 *                            queue), each in queue order
 * @param stopping            the running deployments asked to stop for a graceful preemption (still holding their
 *                            resources, no longer anyone's victims), each with the preemptor that waits for it
 */
public record QueueSnapshot(Resources capacity, boolean preemptionAllowed, SortedSet<QueuedDeployment> pending,
                            Map<UUID, Set<UUID>> unmetDependencies, Collection<RunningDeployment> running,
                            Instant now, Map<String, QueueQuota> queues,
                            Map<String, SortedSet<QueuedDeployment>> ready, Map<UUID, UUID> stopping) {

    /** What the running deployments (the stopping ones too) leave free; none of a resource they hold more of. */
    public Resources free() {
        Resources allocated = Resources.ZERO;
        for (RunningDeployment deployment : running) {
            allocated = allocated.plus(deployment.deployment().resources());
        }
        return capacity.shortfall(allocated);
    }
}
