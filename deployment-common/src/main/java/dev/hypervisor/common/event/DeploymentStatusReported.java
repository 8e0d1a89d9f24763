package dev.hypervisor.common.event;

import dev.hypervisor.common.deployment.ReportedStatus;
import java.util.Objects;
import java.util.UUID;

/**
 * An executor's report on a deployment it runs, on {@link Topics#DEPLOYMENT_STATUS}: it ended, or it stopped when
 * asked to ({@link DeploymentPreempting}).
 */
public record DeploymentStatusReported(
        UUID deploymentId,
        UUID clusterId,
        ReportedStatus status,
        String message) implements DeploymentEvent {

    public DeploymentStatusReported {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(status, "status");
    }
}
