package dev.hypervisor.common.event;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * An executor serving a cluster is alive and runs these deployments, on {@link Topics#DEPLOYMENT_STATUS} (also
 * written there by the scheduler for a heartbeat that came through its API). A cluster that has had one has a
 * lease: when none comes for the lease's length, its running deployments end {@code EXECUTOR_LOST}; a running
 * deployment that two heartbeats in a row do not list ends the same way.
 */
public record ExecutorHeartbeat(
        UUID clusterId,
        String executorId,
        List<UUID> running) implements DeploymentEvent {

    public ExecutorHeartbeat {
        Objects.requireNonNull(clusterId, "clusterId");
        running = running == null ? List.of() : List.copyOf(running);
    }

    /** A heartbeat is about a cluster, not one deployment. */
    @Override
    public UUID deploymentId() {
        return null;
    }
}
