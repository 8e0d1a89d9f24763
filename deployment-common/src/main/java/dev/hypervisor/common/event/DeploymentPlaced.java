package dev.hypervisor.common.event;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.resources.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A deployment holds its claim in the cluster's ledger and is {@code RUNNING}: executors start it from this.
 * It carries what an executor needs to run the image without asking back: for a gang, {@code replicas} replicas
 * each with {@code resources} (as many as it started with, which may be fewer than it asked for); 1 otherwise.
 * {@code organizationId} is whose it is, {@code maxRunDuration} its run-time limit (null: none) and {@code attempt}
 * which start this is (1 the first, more after retries and preemptions), so an executor can tell a new start
 * from a redelivered one. Events from before these fields name none of them (null, null, 1).
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
        int replicas,
        UUID organizationId,
        Duration maxRunDuration,
        int attempt) implements DeploymentEvent {

    public DeploymentPlaced {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(clusterId, "clusterId");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        replicas = Math.max(1, replicas); // events from before gangs name none: one
        attempt = Math.max(1, attempt);
    }

    /** A first start of a gang, without an organization or a run-time limit named. */
    public DeploymentPlaced(UUID deploymentId, UUID clusterId, String name, String image, Resources resources,
                            Priority priority, Map<String, String> labels, Instant startedAt, int replicas) {
        this(deploymentId, clusterId, name, image, resources, priority, labels, startedAt, replicas, null, null, 1);
    }

    /** A deployment of one replica. */
    public DeploymentPlaced(UUID deploymentId, UUID clusterId, String name, String image, Resources resources,
                            Priority priority, Map<String, String> labels, Instant startedAt) {
        this(deploymentId, clusterId, name, image, resources, priority, labels, startedAt, 1);
    }
}
