package dev.hypervisor.scheduler.queue;

import dev.hypervisor.common.deployment.DeploymentStatus;
import dev.hypervisor.scheduler.client.ClusterInfo;
import dev.hypervisor.scheduler.clusters.ClusterDirectory;
import dev.hypervisor.scheduler.domain.ClusterQueue;
import dev.hypervisor.scheduler.domain.Deployment;
import dev.hypervisor.scheduler.persistence.DeploymentRepository;
import dev.hypervisor.scheduler.persistence.QueueRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Builds a cluster's queue from the database (its queues, its pending and running deployments, and which of their
 * dependencies have completed) and from what cluster-service says of the cluster. It reads in the caller's
 * transaction, if there is one.
 */
@ApplicationScoped
class QueueLoader {

    private static final Logger LOG = Logger.getLogger(QueueLoader.class);

    private final ClusterDirectory directory;
    private final DeploymentRepository deployments;
    private final QueueRepository queues;

    QueueLoader(ClusterDirectory directory, DeploymentRepository deployments, QueueRepository queues) {
        this.directory = directory;
        this.deployments = deployments;
        this.queues = queues;
    }

    /** The queue as the database has it now; 404 for a cluster cluster-service does not know. */
    ClusterQueue load(UUID clusterId) {
        ClusterInfo cluster = directory.cluster(clusterId);
        ClusterQueue queue = new ClusterQueue(cluster.id(), cluster.capacity(), cluster.preemptionAllowed(),
                queues.quotasOf(clusterId), cluster.preemptionGracePeriod());
        List<Deployment> live = deployments.liveOn(clusterId);
        Set<UUID> dependencies = new HashSet<>();
        live.forEach(deployment -> dependencies.addAll(deployment.dependsOn()));
        Map<UUID, DeploymentStatus> statuses = deployments.statusesOf(dependencies);
        int running = 0;
        for (Deployment deployment : live) {
            if (deployment.status() == DeploymentStatus.RUNNING
                    || deployment.status() == DeploymentStatus.PREEMPTING) {
                queue.restoreRunning(deployment.running());
                running++;
            }
            if (deployment.status() == DeploymentStatus.PREEMPTING) {
                queue.stopping(deployment.id(), deployment.preemptedBy());
            }
        }
        for (Deployment deployment : live) {
            if (deployment.status() == DeploymentStatus.PENDING) {
                List<UUID> unmet = deployment.dependsOn().stream()
                        .filter(dependency -> statuses.get(dependency) != DeploymentStatus.COMPLETED).toList();
                queue.enqueue(deployment.queued(), unmet);
            }
        }
        LOG.debugf("cluster %s: queue built with %d pending and %d running deployments", clusterId,
                live.size() - running, running);
        return queue;
    }
}
