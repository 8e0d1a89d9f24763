package dev.hypervisor.common.event;

import dev.hypervisor.common.deployment.DeploymentStatus;
import java.util.Objects;
import java.util.UUID;

/** An executor's report on a deployment it runs, on {@link Topics#DEPLOYMENT_STATUS}. */
public record DeploymentStatusReported(
        UUID deploymentId,
        UUID clusterId,
        DeploymentStatus status,
        String message) implements DeploymentEvent {

    public DeploymentStatusReported {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(status, "status");
    }
}
