package dev.hypervisor.scheduler.messaging;

import dev.hypervisor.common.event.DeploymentRequested;
import dev.hypervisor.common.event.DeploymentStatusReported;
import dev.hypervisor.common.event.EventEnvelope;
import dev.hypervisor.common.event.ExecutorHeartbeat;
import dev.hypervisor.scheduler.clusters.UnknownClusterException;
import dev.hypervisor.scheduler.intake.RequestedDeployments;
import dev.hypervisor.scheduler.intake.RequestedDeployments.Screened;
import dev.hypervisor.scheduler.lifecycle.DeploymentLifecycle;
import dev.hypervisor.scheduler.lifecycle.ExecutorLeases;
import dev.hypervisor.scheduler.queue.ClusterChange;
import dev.hypervisor.scheduler.queue.ClusterChanges;
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
 * the deployment requests (through the same admission as the REST API), then the executors' status reports
 * (through the same lifecycle), each cluster's in the order they arrived. One change rather than one per cluster
 * or per kind, because a change costs its locks, its last writes and its commit whatever it holds.
 */
@ApplicationScoped
public class ClusterEvents {

    private static final Logger LOG = Logger.getLogger(ClusterEvents.class);

    private final RequestedDeployments requested;
    private final DeploymentLifecycle lifecycle;
    private final ExecutorLeases leases;
    private final ClusterChanges changes;

    public ClusterEvents(RequestedDeployments requested, DeploymentLifecycle lifecycle, ExecutorLeases leases,
                         ClusterChanges changes) {
        this.requested = requested;
        this.lifecycle = lifecycle;
        this.leases = leases;
        this.changes = changes;
    }

    /**
     * Handles requests, reports and executors' heartbeats, all by cluster; once it returns, every cluster's change
     * is committed.
     */
    public void handle(Map<UUID, List<EventEnvelope<DeploymentRequested>>> requests,
                       Map<UUID, List<DeploymentStatusReported>> reports,
                       Map<UUID, List<EventEnvelope<ExecutorHeartbeat>>> heartbeats) {
        Map<UUID, Screened> screened = new LinkedHashMap<>();
        requests.forEach((clusterId, clusterRequests) -> {
            Screened passed = requested.screen(clusterId, clusterRequests);
            if (!passed.isEmpty()) {
                screened.put(clusterId, passed);
            }
        });
        Map<UUID, List<DeploymentStatusReported>> reported = new LinkedHashMap<>(reports);
        Map<UUID, List<EventEnvelope<ExecutorHeartbeat>>> beating = new LinkedHashMap<>(heartbeats);
        Set<UUID> clusters = new LinkedHashSet<>(screened.keySet());
        clusters.addAll(reported.keySet());
        clusters.addAll(beating.keySet());
        while (!clusters.isEmpty()) {
            try (ClusterChange change = changes.open(clusters)) {
                requested.storeWithin(change, screened);
                lifecycle.endReportedWithin(change, reported);
                leases.beatWithin(change, beating);
                change.commit();
                return;
            } catch (UnknownClusterException gone) {
                // No such cluster (any more): its requests are refused as screening refuses them, and reports on
                // it change nothing (its deployments ended with it). The others are handled without it, rather
                // than the poll being tried again forever.
                UUID clusterId = gone.clusterId();
                Screened refused = screened.remove(clusterId);
                if (refused != null) {
                    requested.refuse(refused.requests().keySet(), gone);
                }
                beating.remove(clusterId);
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
