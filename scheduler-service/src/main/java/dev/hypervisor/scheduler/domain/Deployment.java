package dev.hypervisor.scheduler.domain;

import dev.hypervisor.common.deployment.DeploymentStatus;
import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.deployment.RetryPolicy;
import dev.hypervisor.common.resources.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A deployment: what was asked for, by whom, in which of its cluster's queues (null on a cluster without queues),
 * and where it is in its life. {@code maxRunDuration} is its run-time limit (null: none), {@code deadline} when a
 * running one is ended for running too long, and {@code failureReason} why one that ended did not complete
 * ({@link StatusChange#failureReason}); {@code retry} how often it may start and after which failures, and
 * {@code attempts} how often it has started. A gang runs {@code replicas} alike replicas, each needing
 * {@code resources}, and may start with {@code minReplicas}; {@code replicasRunning} is how many it started with
 * (0 unless it runs). {@code preemptedBy} is the deployment a {@code PREEMPTING} one stops for (null otherwise).
 * The database's rows and the API's
 * JSON are made from it and into it elsewhere ({@code DeploymentRepository}, {@code DeploymentDtos}).
 */
public record Deployment(UUID id, UUID clusterId, UUID organizationId, String requestedBy, String name,
                         String image, Resources resources, Priority priority, DeploymentStatus status,
                         Map<String, String> labels, List<UUID> dependsOn, Instant submittedAt,
                         Instant startedAt, Instant finishedAt, int preemptions, String message, String queue,
                         Duration maxRunDuration, Instant deadline, String failureReason, RetryPolicy retry,
                         int attempts, int replicas, int minReplicas, int replicasRunning, UUID preemptedBy) {

    public Deployment {
        labels = Map.copyOf(labels);
        dependsOn = List.copyOf(dependsOn);
    }

    /** What the scheduling policy needs of it, as it asks to run. */
    public QueuedDeployment queued() {
        return QueuedDeployment.gang(id, priority, submittedAt, resources, queue, replicas, minReplicas,
                maxRunDuration);
    }

    /** What it holds while it runs. */
    public RunningDeployment running() {
        QueuedDeployment asked = queued();
        return new RunningDeployment(asked.withReplicas(replicasRunning), startedAt, replicas);
    }
}
