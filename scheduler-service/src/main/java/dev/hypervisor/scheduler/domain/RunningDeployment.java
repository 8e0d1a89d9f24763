package dev.hypervisor.scheduler.domain;

import java.time.Instant;
import java.util.Comparator;

/**
 * A deployment that holds its resources on the cluster since {@code startedAt}. {@code deployment} is what it
 * holds: for a gang that started with fewer replicas than it asks for ({@code replicasAsked}), those it started
 * with.
 */
public record RunningDeployment(QueuedDeployment deployment, Instant startedAt, int replicasAsked) {

    /**
     * The order in which running deployments are offered as preemption victims: lowest priority first, then the
     * most recently started (it has lost the least work), then id.
     */
    public static final Comparator<RunningDeployment> VICTIM_ORDER = Comparator
            .comparing((RunningDeployment running) -> running.deployment().priority().weight())
            .thenComparing(RunningDeployment::startedAt, Comparator.reverseOrder())
            .thenComparing(running -> running.deployment().id());

    /** A deployment that runs whole. */
    public RunningDeployment(QueuedDeployment deployment, Instant startedAt) {
        this(deployment, startedAt, deployment.replicas());
    }

    /** When it is ended for running too long ({@code maxRunDuration} after it started); null when never. */
    public Instant deadline() {
        return deployment.maxRunDuration() == null ? null : startedAt.plus(deployment.maxRunDuration());
    }

    /** The deployment as it asks to run, all its replicas: what goes back to the queue when it is preempted. */
    public QueuedDeployment asked() {
        return deployment.withReplicas(replicasAsked);
    }
}
