package dev.hypervisor.scheduler.service;

import dev.hypervisor.common.event.DeploymentRequested;
import dev.hypervisor.common.event.DeploymentStatusReported;
import dev.hypervisor.common.event.EventEnvelope;
import dev.hypervisor.scheduler.service.DeploymentIntake.ScreenedRequests;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What the Kafka door read in one poll, handled in one change of all the clusters it names (one transaction):
 * the deployment requests (through the same intake as the REST API), then the executors' status reports (through
 * the same lifecycle), each cluster's in the order they arrived. One change rather than one per cluster or per
 * kind, because a change costs its locks, its last writes and its commit whatever it holds.
 */
@ApplicationScoped
public class ClusterEvents {

    private final DeploymentIntake intake;
    private final DeploymentLifecycle lifecycle;
    private final ClusterQueues queues;
    private final SchedulingLoop loop;

    public ClusterEvents(DeploymentIntake intake, DeploymentLifecycle lifecycle, ClusterQueues queues,
                         SchedulingLoop loop) {
        this.intake = intake;
        this.lifecycle = lifecycle;
        this.queues = queues;
        this.loop = loop;
    }

    /** Handles requests and reports, both by cluster; once it returns, every cluster's change is committed. */
    public void handle(Map<UUID, List<EventEnvelope<DeploymentRequested>>> requests,
                       Map<UUID, List<DeploymentStatusReported>> reports) {
        Map<UUID, ScreenedRequests> screened = new LinkedHashMap<>();
        requests.forEach((clusterId, clusterRequests) -> {
            ScreenedRequests passed = intake.screen(clusterId, clusterRequests);
            if (!passed.isEmpty()) {
                screened.put(clusterId, passed);
            }
        });
        Set<UUID> clusters = new LinkedHashSet<>(screened.keySet());
        clusters.addAll(reports.keySet());
        if (clusters.isEmpty()) {
            return;
        }
        Map<UUID, List<UUID>> ended = queues.changeAll(clusters, false, byCluster -> {
            intake.storeWithin(byCluster, screened);
            return lifecycle.endReportedWithin(byCluster, reports);
        });
        // Every cluster changed: a pass places what was queued in the capacity that was freed.
        clusters.forEach(clusterId -> loop.release(clusterId, ended.getOrDefault(clusterId, List.of())));
    }
}
