package dev.hypervisor.common.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A running deployment is to give way to a more urgent one (or to the queue that lent what it borrowed) on a cluster
 * with a grace period: it is {@code PREEMPTING} and still holds its claim. Its executor should let it checkpoint and
 * stop, then report {@code STOPPED}; at {@code stopBy} it is taken back to the queue anyway, and
 * {@link DeploymentPreempted} follows either way.
 *
 * @param reason {@link DeploymentPreempted#PREEMPTED} or {@link DeploymentPreempted#RECLAIMED}
 */
public record DeploymentPreempting(
        UUID deploymentId,
        UUID clusterId,
        UUID preemptedBy,
        Instant stopBy,
        String reason) implements DeploymentEvent {

    public DeploymentPreempting {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(clusterId, "clusterId");
        reason = reason == null ? DeploymentPreempted.PREEMPTED : reason;
    }
}
