package dev.hypervisor.common.event;

import java.util.Objects;
import java.util.UUID;

/**
 * A running deployment gave up its claim to a more urgent one, or to the queue that lent what it borrowed, and
 * is {@code PENDING} again, keeping its priority and submission time.
 *
 * @param preemptions how many times this deployment has been preempted, this time included
 * @param reason      {@code PREEMPTED} (a higher priority took its place) or {@code RECLAIMED} (its queue had
 *                    borrowed the capacity, and the lender took it back)
 */
public record DeploymentPreempted(
        UUID deploymentId,
        UUID clusterId,
        UUID preemptedBy,
        int preemptions,
        String reason) implements DeploymentEvent {

    public static final String PREEMPTED = "PREEMPTED";
    public static final String RECLAIMED = "RECLAIMED";

    public DeploymentPreempted {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(clusterId, "clusterId");
        reason = reason == null ? PREEMPTED : reason;
    }
}
