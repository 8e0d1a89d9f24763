package dev.hypervisor.common.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An attempt of a running deployment ended without completing, and its retry policy allows another: it is
 * {@code PENDING} again, keeping its priority and submission time, and its capacity was released.
 *
 * @param attempt the attempt that ended, counting from 1
 * @param reason  why it ended: {@code FAILED} (reported), {@code TIMED_OUT} or {@code EXECUTOR_LOST}
 */
public record DeploymentRetried(
        UUID deploymentId,
        UUID clusterId,
        int attempt,
        String reason,
        String message,
        Instant endedAt) implements DeploymentEvent {

    public DeploymentRetried {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(clusterId, "clusterId");
    }
}
