package dev.hypervisor.scheduler.persistence;

import dev.hypervisor.common.deployment.DeploymentStatus;
import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.resources.Resources;
import dev.hypervisor.scheduler.domain.QueuedDeployment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A deployment as stored. */
public record DeploymentRecord(UUID id, UUID clusterId, UUID organizationId, String requestedBy, String name,
                               String image, Resources resources, Priority priority, DeploymentStatus status,
                               Map<String, String> labels, List<UUID> dependsOn, Instant submittedAt,
                               Instant startedAt, Instant finishedAt, int preemptions, String message) {

    public DeploymentRecord {
        labels = Map.copyOf(labels);
        dependsOn = List.copyOf(dependsOn);
    }

    /** What the scheduling policy needs of it. */
    public QueuedDeployment queued() {
        return new QueuedDeployment(id, priority, submittedAt, resources);
    }
}
