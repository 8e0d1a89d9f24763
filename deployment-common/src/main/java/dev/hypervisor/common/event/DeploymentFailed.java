package dev.hypervisor.common.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A deployment ended in failure: reported by its executor, past its run-time limit, its executor lost, because a
 * dependency failed, or because its cluster was deleted.
 *
 * @param reason a stable code: {@code REPORTED}, {@code TIMED_OUT}, {@code EXECUTOR_LOST},
 *               {@code DEPENDENCY_FAILED}, {@code CLUSTER_DELETED}
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
