package dev.hypervisor.scheduler.service;

import dev.hypervisor.common.deployment.DeploymentStatus;
import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.scheduler.client.ClusterInfo;
import dev.hypervisor.scheduler.client.ClusterServiceClient;
import dev.hypervisor.scheduler.domain.ClusterQueue;
import dev.hypervisor.scheduler.domain.RunningDeployment;
import dev.hypervisor.scheduler.messaging.OutboxRelay;
import dev.hypervisor.scheduler.persistence.DeploymentRecord;
import dev.hypervisor.scheduler.persistence.DeploymentRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The in-memory queue of every cluster this instance schedules, built from the database on first use. Every
 * change to a cluster's deployments goes through {@link #change}: under the queue's lock, in one transaction,
 * memory and database together; when anything fails the queue is dropped and rebuilt from the database, which
 * is the truth.
 *
 * <p>Building a queue also reconciles the ledger: a claim whose deployment is not running (the scheduler
 * stopped between claiming and recording the placement, or between recording an end and releasing) is
 * released.
 */
@ApplicationScoped
public class ClusterQueues {

    private static final Logger LOG = Logger.getLogger(ClusterQueues.class);

    private final Map<UUID, ClusterQueue> queues = new ConcurrentHashMap<>();
    private final Map<UUID, UUID> organizations = new ConcurrentHashMap<>();
    private final DeploymentRepository deployments;
    private final ClusterServiceClient clusters;
    private final OutboxRelay relay;

    public ClusterQueues(DeploymentRepository deployments, ClusterServiceClient clusters, OutboxRelay relay) {
        this.deployments = deployments;
        this.clusters = clusters;
        this.relay = relay;
    }

    /** The cluster's queue; 404 when cluster-service knows no such cluster. */
    public ClusterQueue get(UUID clusterId) {
        ClusterQueue queue = queues.get(clusterId);
        if (queue != null) {
            return queue;
        }
        ClusterInfo cluster = clusters.cluster(clusterId)
                .orElseThrow(() -> ProblemException.notFound("cluster " + clusterId));
        organizations.put(clusterId, cluster.organizationId());
        return queues.computeIfAbsent(clusterId, id -> build(cluster));
    }

    /** The organization that owns the cluster; 404 when cluster-service knows no such cluster. */
    public UUID organizationOf(UUID clusterId) {
        UUID organization = organizations.get(clusterId);
        if (organization == null) {
            get(clusterId);
            organization = organizations.get(clusterId);
        }
        return organization;
    }

    /** The clusters whose queues are in memory. */
    public Set<UUID> known() {
        return Set.copyOf(queues.keySet());
    }

    /**
     * Runs a change of the cluster's deployments under its queue's lock and in one transaction; the function
     * changes the queue and the database together. If it throws, nothing is committed and the queue is rebuilt
     * on next use.
     */
    public <T> T change(UUID clusterId, Function<ClusterQueue, T> change) {
        ClusterQueue queue = get(clusterId);
        synchronized (queue) {
            if (queues.get(clusterId) != queue) {
                return change(clusterId, change);
            }
            try {
                T result = QuarkusTransaction.requiringNew().call(() -> change.apply(queue));
                relay.nudge(); // the change's events are committed: publish them now, not at the next poll
                return result;
            } catch (RuntimeException e) {
                forget(clusterId);
                throw e;
            }
        }
    }

    /** True when the cluster's queue is in memory and holds pending deployments. */
    public boolean hasPending(UUID clusterId) {
        ClusterQueue queue = queues.get(clusterId);
        if (queue == null) {
            return false;
        }
        synchronized (queue) {
            return queue.hasPending();
        }
    }

    /** How many deployments wait in each known cluster's queue, by priority. */
    public Map<UUID, Map<String, Integer>> depths() {
        Map<UUID, Map<String, Integer>> depths = new HashMap<>();
        queues.forEach((clusterId, queue) -> {
            Map<String, Integer> byPriority = new TreeMap<>();
            for (Priority priority : Priority.values()) {
                byPriority.put(priority.name(), 0);
            }
            synchronized (queue) {
                queue.pendingInOrder().forEach(deployment -> byPriority.merge(deployment.priority().name(), 1,
                        Integer::sum));
            }
            depths.put(clusterId, byPriority);
        });
        return depths;
    }

    /** Drops the cluster's queue; the next use rebuilds it from the database. */
    public void forget(UUID clusterId) {
        queues.remove(clusterId);
    }

    private ClusterQueue build(ClusterInfo cluster) {
        ClusterQueue queue = new ClusterQueue(cluster.id(), cluster.capacity(), cluster.preemptionAllowed());
        List<DeploymentRecord> live = QuarkusTransaction.requiringNew().call(() -> deployments.liveOn(cluster.id()));
        Set<UUID> dependencies = new HashSet<>();
        live.forEach(deployment -> dependencies.addAll(deployment.dependsOn()));
        Map<UUID, DeploymentStatus> statuses = QuarkusTransaction.requiringNew()
                .call(() -> deployments.statusesOf(dependencies));
        Set<UUID> running = new HashSet<>();
        for (DeploymentRecord deployment : live) {
            if (deployment.status() == DeploymentStatus.RUNNING) {
                queue.restoreRunning(new RunningDeployment(deployment.queued(), deployment.startedAt()));
                running.add(deployment.id());
            }
        }
        for (DeploymentRecord deployment : live) {
            if (deployment.status() == DeploymentStatus.PENDING) {
                List<UUID> unmet = deployment.dependsOn().stream()
                        .filter(dependency -> statuses.get(dependency) != DeploymentStatus.COMPLETED).toList();
                queue.enqueue(deployment.queued(), unmet);
            }
        }
        releaseStrayClaims(cluster.id(), running);
        LOG.infof("cluster %s: queue rebuilt with %d pending and %d running deployments", cluster.id(),
                live.size() - running.size(), running.size());
        return queue;
    }

    private void releaseStrayClaims(UUID clusterId, Set<UUID> running) {
        List<UUID> stray = new ArrayList<>(clusters.claimHolders(clusterId));
        stray.removeAll(running);
        if (!stray.isEmpty()) {
            LOG.warnf("cluster %s: releasing %d claims of deployments that do not run: %s", clusterId, stray.size(),
                    stray);
            clusters.allocate(clusterId, Map.of(), stray);
        }
    }
}
