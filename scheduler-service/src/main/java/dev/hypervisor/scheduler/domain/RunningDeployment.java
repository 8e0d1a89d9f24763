package dev.hypervisor.scheduler.domain;

import java.time.Instant;
import java.util.Comparator;

/** A deployment that holds its resources on the cluster since {@code startedAt}. */
public record RunningDeployment(QueuedDeployment deployment, Instant startedAt) {

    /**
     * The order in which running deployments are offered as preemption victims: lowest priority first, then the
     * most recently started (it has lost the least work), then id.
     */
    public static final Comparator<RunningDeployment> VICTIM_ORDER = Comparator
            .comparing((RunningDeployment running) -> running.deployment().priority().weight())
            .thenComparing(RunningDeployment::startedAt, Comparator.reverseOrder())
            .thenComparing(running -> running.deployment().id());
}
