package dev.hypervisor.common.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A deployment was cancelled by a member; a claim it held is released. */
public record DeploymentCancelled(
        UUID deploymentId,
        UUID clusterId,
        UUID cancelledBy,
        Instant finishedAt) implements DeploymentEvent {

    public DeploymentCancelled {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(clusterId, "clusterId");
    }
}
