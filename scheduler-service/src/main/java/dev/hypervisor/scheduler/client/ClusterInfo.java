package dev.hypervisor.scheduler.client;

import dev.hypervisor.common.resources.Resources;
import java.time.Duration;
import java.util.UUID;

/**
 * What the scheduler needs to know of a cluster: whose it is, its capacity, whether it may preempt, and how long a
 * preempted deployment may take to stop (zero: at once).
 */
public record ClusterInfo(UUID id, UUID organizationId, Resources capacity, boolean preemptionAllowed,
                          Duration preemptionGracePeriod) {

    /** A cluster whose preempted deployments stop at once. */
    public ClusterInfo(UUID id, UUID organizationId, Resources capacity, boolean preemptionAllowed) {
        this(id, organizationId, capacity, preemptionAllowed, Duration.ZERO);
    }
}
