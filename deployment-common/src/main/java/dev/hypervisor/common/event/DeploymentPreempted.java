package dev.hypervisor.common.event;

import java.util.Objects;
import java.util.UUID;

/**
 * A running deployment gave up its claim to a more urgent one and is {@code PENDING} again, keeping its
 * priority and submission time.
 *
 * @param preemptions how many times this deployment has been preempted, this time included
 */
public record DeploymentPreempted(
        UUID deploymentId,
        UUID clusterId,
        UUID preemptedBy,
        int preemptions) implements DeploymentEvent {

    public DeploymentPreempted {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(clusterId, "clusterId");
    }
}
