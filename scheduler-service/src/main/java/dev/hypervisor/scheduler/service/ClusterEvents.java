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
import org.jboss.logging.Logger;

/**
 * What the Kafka door read in one poll, handled in one change of all the clusters it names (one transaction):
 * the deployment requests (through the same intake as the REST API), then the executors' status reports (through
 * the same lifecycle), each cluster's in the order they arrived. One change rather than one per cluster or per
 * kind, because a change costs its locks, its last writes and its commit whatever it holds.
 */
@ApplicationScoped
public class ClusterEvents {

    private static final Logger LOG = Logger.getLogger(ClusterEvents.class);

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
        Map<UUID, List<DeploymentStatusReported>> reported = new LinkedHashMap<>(reports);
        Set<UUID> clusters = new LinkedHashSet<>(screened.keySet());
        clusters.addAll(reported.keySet());
        while (!clusters.isEmpty()) {
            try {
                Map<UUID, List<UUID>> ended = queues.changeAll(clusters, byCluster -> {
                    intake.storeWithin(byCluster, screened);
                    return lifecycle.endReportedWithin(byCluster, reported);
                });
                // Every cluster changed: a pass places what was queued in the capacity that was freed.
                clusters.forEach(clusterId -> loop.release(clusterId, ended.getOrDefault(clusterId, List.of())));
                return;
            } catch (UnknownClusterException gone) {
                // No such cluster (any more): its requests are refused as screening refuses them, and reports on
                // it change nothing (its deployments ended with it). The others are handled without it, rather
                // than the poll being tried again forever.
                UUID clusterId = gone.clusterId();
                ScreenedRequests refused = screened.remove(clusterId);
                if (refused != null) {
                    intake.refuse(refused.requests().keySet(), gone);
                }
                List<DeploymentStatusReported> ignored = reported.remove(clusterId);
                if (ignored != null) {
                    LOG.warnf("ignoring %d status reports on cluster %s, which does not exist", ignored.size(),
                            clusterId);
                }
                clusters.remove(clusterId);
            }
        }
    }
}
