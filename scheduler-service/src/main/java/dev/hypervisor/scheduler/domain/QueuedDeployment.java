package dev.hypervisor.scheduler.domain;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.resources.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;

/**
 * What the policy needs to know of a deployment: who it is, how urgent, since when it waits, what it needs, and
 * the queue (team, project) of its cluster it runs in; null on a cluster without queues. A preempted deployment
 * keeps its priority and submission time, so it goes back to where it was in the queue.
 *
 * <p>A gang is one deployment of {@code replicas} alike replicas: {@code resources} is what all of them need
 * together, so the policy fits, places and preempts it as one unit. It may start with fewer, down to
 * {@code minReplicas} (partial admission); {@link #withReplicas} is the same gang with fewer replicas, which is also
 * what a running gang that started with fewer holds.
 *
 * <p>{@code maxRunDuration} is how long it may run once started (null: no limit). The policy never looks at it;
 * it says when a running deployment will have released its resources at the latest ({@link StartEstimate}).
 */
public record QueuedDeployment(UUID id, Priority priority, Instant submittedAt, Resources resources, String queue,
                               int replicas, int minReplicas, Duration maxRunDuration) {

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
        if (minReplicas < 1 || minReplicas > replicas) {
            throw new IllegalArgumentException("a gang of " + replicas + " cannot start with " + minReplicas);
        }
        if (resources.cpuMillis() % replicas != 0 || resources.memoryBytes() % replicas != 0
                || resources.gpu() % replicas != 0) {
            throw new IllegalArgumentException(resources + " is not " + replicas + " alike replicas");
        }
    }

    /** A deployment without a run-time limit. */
    public QueuedDeployment(UUID id, Priority priority, Instant submittedAt, Resources resources, String queue,
                            int replicas, int minReplicas) {
        this(id, priority, submittedAt, resources, queue, replicas, minReplicas, null);
    }

    /** A single deployment. */
    public QueuedDeployment(UUID id, Priority priority, Instant submittedAt, Resources resources, String queue) {
        this(id, priority, submittedAt, resources, queue, 1, 1);
    }

    /** A single deployment of a cluster without queues. */
    public QueuedDeployment(UUID id, Priority priority, Instant submittedAt, Resources resources) {
        this(id, priority, submittedAt, resources, null);
    }

    /**
     * A gang of {@code replicas} that each need {@code perReplica}, which may start with {@code minReplicas}.
     *
     * @throws ArithmeticException when all of them together need more than can be counted (never a real cluster)
     */
    public static QueuedDeployment gang(UUID id, Priority priority, Instant submittedAt, Resources perReplica,
                                        String queue, int replicas, int minReplicas) {
        return gang(id, priority, submittedAt, perReplica, queue, replicas, minReplicas, null);
    }

    /** As {@link #gang(UUID, Priority, Instant, Resources, String, int, int)}, with a run-time limit (null: none). */
    public static QueuedDeployment gang(UUID id, Priority priority, Instant submittedAt, Resources perReplica,
                                        String queue, int replicas, int minReplicas, Duration maxRunDuration) {
        return new QueuedDeployment(id, priority, submittedAt, perReplica.times(replicas), queue, replicas,
                minReplicas, maxRunDuration);
    }

    /** The same deployment with a run-time limit (null: none). */
    public QueuedDeployment withMaxRunDuration(Duration limit) {
        return new QueuedDeployment(id, priority, submittedAt, resources, queue, replicas, minReplicas, limit);
    }

    /** What one replica needs. */
    public Resources perReplica() {
        return replicas == 1 ? resources : new Resources(resources.cpuMillis() / replicas,
                resources.memoryBytes() / replicas, resources.gpu() / replicas);
    }

    /** True when it may start with fewer replicas than it asks for. */
    public boolean elastic() {
        return minReplicas < replicas;
    }

    /**
     * The same deployment with {@code count} replicas (at least one; its least stays as it is unless {@code count}
     * is smaller).
     */
    public QueuedDeployment withReplicas(int count) {
        if (count == replicas) {
            return this;
        }
        return new QueuedDeployment(id, priority, submittedAt, perReplica().times(count), queue, count,
                Math.min(minReplicas, count), maxRunDuration);
    }

    /** The least it can start with: {@code minReplicas} replicas. */
    public QueuedDeployment smallest() {
        return withReplicas(minReplicas);
    }

    /** How many of its replicas fit within {@code room}, at most as many as it asks for. */
    public int replicasWithin(Resources room) {
        Resources one = perReplica();
        long count = replicas;
        if (one.cpuMillis() > 0) {
            count = Math.min(count, room.cpuMillis() / one.cpuMillis());
        }
        if (one.memoryBytes() > 0) {
            count = Math.min(count, room.memoryBytes() / one.memoryBytes());
        }
        if (one.gpu() > 0) {
            count = Math.min(count, room.gpu() / one.gpu());
        }
        return (int) count;
    }
}
