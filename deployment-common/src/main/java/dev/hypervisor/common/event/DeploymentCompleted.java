package dev.hypervisor.common.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A deployment finished successfully; its claim is released. */
public record DeploymentCompleted(
        UUID deploymentId,
        UUID clusterId,
        String message,
        Instant finishedAt) implements DeploymentEvent {

    public DeploymentCompleted {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(clusterId, "clusterId");
    }
}
