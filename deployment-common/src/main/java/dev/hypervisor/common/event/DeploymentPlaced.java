package dev.hypervisor.common.event;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.resources.Resources;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A deployment holds its claim in the cluster's ledger and is {@code RUNNING}: executors start it from this.
 * It carries what an executor needs to run the image without asking back: for a gang, {@code replicas} replicas
 * each with {@code resources} (as many as it started with, which may be fewer than it asked for); 1 otherwise.
 */
public record DeploymentPlaced(
        UUID deploymentId,
        UUID clusterId,
        String name,
        String image,
        Resources resources,
        Priority priority,
        Map<String, String> labels,
        Instant startedAt,
        int replicas) implements DeploymentEvent {

    public DeploymentPlaced {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(clusterId, "clusterId");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        replicas = Math.max(1, replicas); // events from before gangs name none: one
    }

    /** A deployment of one replica. */
    public DeploymentPlaced(UUID deploymentId, UUID clusterId, String name, String image, Resources resources,
                            Priority priority, Map<String, String> labels, Instant startedAt) {
        this(deploymentId, clusterId, name, image, resources, priority, labels, startedAt, 1);
    }
}
