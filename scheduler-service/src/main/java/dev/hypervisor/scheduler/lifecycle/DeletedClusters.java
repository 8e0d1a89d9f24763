package dev.hypervisor.scheduler.lifecycle;

import dev.hypervisor.scheduler.domain.Deployment;
import dev.hypervisor.scheduler.domain.StatusChange;
import dev.hypervisor.scheduler.messaging.DeploymentEvents;
import dev.hypervisor.scheduler.persistence.DeploymentRepository;
import dev.hypervisor.scheduler.queue.ClusterChange;
import dev.hypervisor.scheduler.queue.ClusterChanges;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The deployments of a cluster that no longer exists can never run. cluster-service refuses to delete a cluster
 * it knows has pending or running deployments, but it learns of them from events, a moment after the scheduler
 * accepted them; a deployment accepted in that moment would wait forever. When a pass finds its cluster gone,
 * its live deployments fail, with their events, in a change of the cluster.
 */
@ApplicationScoped
public class DeletedClusters {

    private static final Logger LOG = Logger.getLogger(DeletedClusters.class);

    private final ClusterChanges changes;
    private final DeploymentRepository deployments;
    private final DeploymentEvents events;
    private final Clock clock;

    public DeletedClusters(ClusterChanges changes, DeploymentRepository deployments, DeploymentEvents events,
                           Clock clock) {
        this.changes = changes;
        this.deployments = deployments;
        this.events = events;
        this.clock = clock;
    }

    /** Fails every pending or running deployment of the deleted cluster; answers how many. */
    public int endDeploymentsOf(UUID clusterId) {
        Instant now = clock.instant();
        String reason = "cluster " + clusterId + " was deleted";
        List<UUID> failed;
        try (ClusterChange change = changes.open(List.of(clusterId))) {
            List<UUID> live = deployments.liveOn(clusterId).stream().map(Deployment::id).toList();
            failed = live.isEmpty() ? List.of()
                    : deployments.change(StatusChange.CLUSTER_DELETED, live, reason, now);
            events.failed(failed, clusterId, "CLUSTER_DELETED", reason, now);
            change.clusterGone(clusterId);
            change.commit();
        }
        if (!failed.isEmpty()) {
            LOG.infof("%s: %d of its deployments failed", reason, failed.size());
        }
        return failed.size();
    }
}
