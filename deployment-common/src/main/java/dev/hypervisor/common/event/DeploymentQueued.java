package dev.hypervisor.common.event;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.resources.Resources;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A request passed the intake and waits in its cluster's queue. */
public record DeploymentQueued(
        UUID deploymentId,
        UUID clusterId,
        UUID organizationId,
        String name,
        Priority priority,
        Resources resources,
        List<UUID> dependsOn,
        Instant submittedAt) implements DeploymentEvent {

    public DeploymentQueued {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(clusterId, "clusterId");
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    }
}
