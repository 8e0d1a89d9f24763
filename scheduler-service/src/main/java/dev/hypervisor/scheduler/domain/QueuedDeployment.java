package dev.hypervisor.scheduler.domain;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.resources.Resources;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;

/**
 * What the policy needs to know of a deployment: who it is, how urgent, since when it waits, what it needs, and
 * the queue (team, project) of its cluster it runs in; null on a cluster without queues. A preempted deployment
 * keeps its priority and submission time, so it goes back to where it was in the queue.
 */
public record QueuedDeployment(UUID id, Priority priority, Instant submittedAt, Resources resources, String queue) {

    /** The queue order: higher priority first, then earlier submission, then id (so the order is total). */
    public static final Comparator<QueuedDeployment> QUEUE_ORDER = Comparator
            .comparing((QueuedDeployment deployment) -> -deployment.priority().weight())
            .thenComparing(QueuedDeployment::submittedAt)
            .thenComparing(QueuedDeployment::id);

    public QueuedDeployment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(submittedAt, "submittedAt");
        Objects.requireNonNull(resources, "resources");
    }

    /** A deployment of a cluster without queues. */
    public QueuedDeployment(UUID id, Priority priority, Instant submittedAt, Resources resources) {
        this(id, priority, submittedAt, resources, null);
    }
}
