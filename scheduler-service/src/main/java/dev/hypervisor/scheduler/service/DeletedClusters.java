package dev.hypervisor.scheduler.service;

import dev.hypervisor.common.deployment.DeploymentStatus;
import dev.hypervisor.scheduler.persistence.ClusterVersions;
import dev.hypervisor.scheduler.persistence.DeploymentRecord;
import dev.hypervisor.scheduler.persistence.DeploymentRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The deployments of a cluster that no longer exists can never run. cluster-service refuses to delete a cluster
 * it knows has pending or running deployments, but it learns of them from events, a moment after the scheduler
 * accepted them; a deployment accepted in that moment would wait forever. When a pass finds its cluster gone,
 * its live deployments fail, with their events, under the cluster's change lock.
 */
@ApplicationScoped
public class DeletedClusters {

    private static final Logger LOG = Logger.getLogger(DeletedClusters.class);

    private final DeploymentRepository deployments;
    private final ClusterVersions versions;
    private final DeploymentEvents events;
    private final ClusterQueues queues;
    private final Clock clock;

    public DeletedClusters(DeploymentRepository deployments, ClusterVersions versions, DeploymentEvents events,
                           ClusterQueues queues, Clock clock) {
        this.deployments = deployments;
        this.versions = versions;
        this.events = events;
        this.queues = queues;
        this.clock = clock;
    }

    /** Fails every pending or running deployment of the deleted cluster; answers how many. */
    public int endDeploymentsOf(UUID clusterId) {
        Instant now = clock.instant();
        String reason = "cluster " + clusterId + " was deleted";
        List<UUID> failed = QuarkusTransaction.requiringNew().call(() -> {
            versions.lock(List.of(clusterId));
            List<UUID> live = deployments.liveOn(clusterId).stream().map(DeploymentRecord::id).toList();
            if (live.isEmpty()) {
                return List.<UUID>of();
            }
            List<UUID> ended = deployments.finish(live, EnumSet.of(DeploymentStatus.PENDING, DeploymentStatus.RUNNING),
                    DeploymentStatus.FAILED, reason, now);
            events.failed(ended, clusterId, "CLUSTER_DELETED", reason, now);
            versions.advance(clusterId);
            return ended;
        });
        queues.forget(clusterId);
        if (!failed.isEmpty()) {
            LOG.infof("%s: %d of its deployments failed", reason, failed.size());
        }
        return failed.size();
    }
}
