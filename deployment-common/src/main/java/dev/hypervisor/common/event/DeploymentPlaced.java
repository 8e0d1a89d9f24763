package dev.hypervisor.common.event;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.resources.Resources;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A deployment holds its claim in the cluster's ledger and is {@code RUNNING}: executors start it from this.
 * It carries what an executor needs to run the image without asking back.
 */
public record DeploymentPlaced(
        UUID deploymentId,
        UUID clusterId,
        String name,
        String image,
        Resources resources,
        Priority priority,
        Map<String, String> labels,
        Instant startedAt) implements DeploymentEvent {

    public DeploymentPlaced {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(clusterId, "clusterId");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
