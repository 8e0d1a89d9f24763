package dev.hypervisor.scheduler.client;

import dev.hypervisor.common.resources.Resources;
import java.util.UUID;

/** What the scheduler needs to know of a cluster: whose it is, its capacity, and whether it may preempt. */
public record ClusterInfo(UUID id, UUID organizationId, Resources capacity, boolean preemptionAllowed) {
}
