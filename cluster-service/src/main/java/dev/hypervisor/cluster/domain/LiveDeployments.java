package dev.hypervisor.cluster.domain;

import dev.hypervisor.common.event.DeploymentCancelled;
import dev.hypervisor.common.event.DeploymentCompleted;
import dev.hypervisor.common.event.DeploymentEvent;
import dev.hypervisor.common.event.DeploymentFailed;
import dev.hypervisor.common.event.DeploymentPlaced;
import dev.hypervisor.common.event.DeploymentPreempted;
import dev.hypervisor.common.event.DeploymentPreempting;
import dev.hypervisor.common.event.DeploymentQueued;
import dev.hypervisor.common.event.DeploymentRejected;
import dev.hypervisor.common.event.DeploymentRetried;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which deployments are alive (pending or running) on which cluster, as the scheduler's events tell it, in their
 * order: queued, placed and preempted deployments are alive; completed, failed, cancelled and rejected ones are
 * not. A cluster with live deployments cannot be deleted.
 *
 * <p>The outcome of a run of events, for the deployments they name: the ones alive after the last event of each,
 * with their cluster, and the ones that ended. Events are delivered at least once and in order per cluster, so
 * applying the same run again (or a redelivered run with more events after it) comes to the same result.
 */
public record LiveDeployments(Map<UUID, UUID> alive, List<UUID> ended) {

    public static LiveDeployments after(List<? extends DeploymentEvent> events) {
        Map<UUID, UUID> clusterOf = new LinkedHashMap<>();
        Map<UUID, Boolean> lastSaysAlive = new LinkedHashMap<>();
        for (DeploymentEvent event : events) {
            Boolean alive = alive(event);
            if (alive != null) {
                clusterOf.put(event.deploymentId(), event.clusterId());
                lastSaysAlive.put(event.deploymentId(), alive);
            }
        }
        Map<UUID, UUID> alive = new LinkedHashMap<>();
        List<UUID> ended = new ArrayList<>();
        lastSaysAlive.forEach((deployment, isAlive) -> {
            if (isAlive) {
                alive.put(deployment, clusterOf.get(deployment));
            } else {
                ended.add(deployment);
            }
        });
        return new LiveDeployments(Map.copyOf(alive), List.copyOf(ended));
    }

    public boolean isEmpty() {
        return alive.isEmpty() && ended.isEmpty();
    }

    /** True when the event leaves its deployment alive, false when it ends it, null when it says neither. */
    private static Boolean alive(DeploymentEvent event) {
        if (event instanceof DeploymentQueued || event instanceof DeploymentPlaced
                || event instanceof DeploymentPreempting || event instanceof DeploymentPreempted
                || event instanceof DeploymentRetried) {
            return true;
        }
        if (event instanceof DeploymentCompleted || event instanceof DeploymentFailed
                || event instanceof DeploymentCancelled || event instanceof DeploymentRejected) {
            return false;
        }
        return null; // requests and executors' reports: the scheduler's own events decide
    }
}
