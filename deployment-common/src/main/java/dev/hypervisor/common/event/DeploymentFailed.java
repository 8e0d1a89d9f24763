package dev.hypervisor.common.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A deployment ended in failure: reported by its executor, or failed because a dependency did.
 *
 * @param reason a stable code ({@code REPORTED_BY_EXECUTOR}, {@code DEPENDENCY_FAILED}, ...)
 */
public record DeploymentFailed(
        UUID deploymentId,
        UUID clusterId,
        String reason,
        String message,
        Instant finishedAt) implements DeploymentEvent {

    public DeploymentFailed {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(clusterId, "clusterId");
    }
}
