package dev.hypervisor.common.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An executor serving a cluster is alive and runs these deployments, on {@link Topics#DEPLOYMENT_STATUS} (also
 * written there by the scheduler for a heartbeat that came through its API). A cluster that has had one has a
 * lease: when none comes for the lease's length, its running deployments end {@code EXECUTOR_LOST}; a running
 * deployment that two heartbeats in a row do not list ends the same way, but only once the executor can have
 * known of it: {@code seenUntil}, when given, is the {@code time} of the newest event of the cluster on
 * {@link Topics#DEPLOYMENT_EVENTS} the executor has taken up, and a deployment placed after that (less a second,
 * for events published a little out of order) is not held against it: its placement may still be on its way.
 * Without it, every deployment that started before the heartbeat is.
 */
public record ExecutorHeartbeat(
        UUID clusterId,
        String executorId,
        List<UUID> running,
        Instant seenUntil) implements DeploymentEvent {

    public ExecutorHeartbeat {
        Objects.requireNonNull(clusterId, "clusterId");
        running = running == null ? List.of() : List.copyOf(running);
    }

    /** A heartbeat that does not say how far its executor has read. */
    public ExecutorHeartbeat(UUID clusterId, String executorId, List<UUID> running) {
        this(clusterId, executorId, running, null);
    }

    /** A heartbeat is about a cluster, not one deployment. */
    @Override
    public UUID deploymentId() {
        return null;
    }
}
