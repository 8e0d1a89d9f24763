package dev.hypervisor.scheduler.service;

import dev.hypervisor.common.deployment.DeploymentStatus;
import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.runtime.sql.Sql;
import dev.hypervisor.runtime.sql.SqlStatement;
import dev.hypervisor.scheduler.client.ClusterInfo;
import dev.hypervisor.scheduler.client.ClusterServiceClient;
import dev.hypervisor.scheduler.client.UpstreamException;
import dev.hypervisor.scheduler.domain.ClusterQueue;
import dev.hypervisor.scheduler.domain.RunningDeployment;
import dev.hypervisor.scheduler.messaging.OutboxRelay;
import dev.hypervisor.scheduler.persistence.DeploymentRecord;
import dev.hypervisor.scheduler.persistence.ClusterVersions;
import dev.hypervisor.scheduler.persistence.DeploymentRepository;
import dev.hypervisor.scheduler.persistence.KnownClusters;
import dev.hypervisor.scheduler.persistence.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The in-memory queue of every cluster this instance has touched, built from the database. Every change to a
 * cluster's deployments goes through {@link #change}: under the queue's lock, in one transaction that first takes
 * the cluster's change lock in the database (so changes to one cluster are serialized across all scheduler
 * instances) and reads the cluster's version, memory and database together; a change that changed deployments
 * moves the version on. When the version shows that another instance changed the cluster since this memory was
 * built, the queue is rebuilt from the database before the change; when anything fails, it is dropped and rebuilt
 * on next use. The database is the truth. A change costs the database three round trips besides its own work:
 * the lock with the version, its last writes (the events it held back, see {@link Outbox#hold}, and the new
 * version, sent together) and the commit; a change of many clusters at once ({@link #changeAll}) pays them once.
 *
 * <p>Before the first ledger write of a rebuilt queue ({@link #scheduleAll}), the ledger is reconciled with it: a
 * claim whose deployment is not running (the scheduler stopped between claiming and recording the placement, or
 * another instance ended the deployment) is released. That is safe only under the change lock, since every
 * ledger write for a cluster's deployments happens within a change; reads never reconcile.
 *
 * <p>What cluster-service says about a cluster (owner, capacity, preemption) is kept, in memory and in the
 * database ({@link KnownClusters}), so that while cluster-service cannot answer, deployments for a known cluster
 * are still accepted and queued; only placing them waits for it.
 */
@ApplicationScoped
public class ClusterQueues {

    private static final Logger LOG = Logger.getLogger(ClusterQueues.class);

    /** One cluster's queue, the cluster version it reflects, and whether the ledger was reconciled with it. */
    private static final class Held {
        private ClusterQueue queue;
        private long version = -1;
        private boolean reconciled;
    }

    private final Map<UUID, Held> held = new ConcurrentHashMap<>();
    /** What cluster-service last said about each cluster, as kept in {@link KnownClusters} too. */
    private final Map<UUID, ClusterInfo> learned = new ConcurrentHashMap<>();
    private final DeploymentRepository deployments;
    private final ClusterVersions versions;
    private final ClusterServiceClient clusters;
    private final KnownClusters known;
    private final ClusterOwnership ownership;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Sql sql;
    private final Clock clock;

    public ClusterQueues(DeploymentRepository deployments, ClusterVersions versions, ClusterServiceClient clusters,
                         KnownClusters known, ClusterOwnership ownership, Outbox outbox, OutboxRelay relay, Sql sql,
                         Clock clock) {
        this.deployments = deployments;
        this.versions = versions;
        this.clusters = clusters;
        this.known = known;
        this.ownership = ownership;
        this.outbox = outbox;
        this.relay = relay;
        this.sql = sql;
        this.clock = clock;
    }

    /** The organization that owns the cluster; 404 when cluster-service knows no such cluster. */
    public UUID organizationOf(UUID clusterId) {
        ClusterInfo cluster = learned.get(clusterId);
        return cluster != null ? cluster.organizationId() : cluster(clusterId).organizationId();
    }

    /**
     * The clusters in memory that a pass may have something to do for: those with pending deployments, and those
     * whose queue was rebuilt and whose ledger claims are not yet reconciled with it. An idle cluster needs none.
     */
    public Set<UUID> needingPasses() {
        Set<UUID> needing = new HashSet<>();
        held.forEach((clusterId, cluster) -> {
            synchronized (cluster) {
                if (cluster.queue == null || !cluster.reconciled || cluster.queue.hasPending()) {
                    needing.add(clusterId);
                }
            }
        });
        return needing;
    }

    /**
     * Reads the cluster's queue as the database has it now (rebuilt first if another instance changed the
     * cluster); 404 when cluster-service knows no such cluster.
     */
    public <T> T read(UUID clusterId, Function<ClusterQueue, T> reading) {
        Held cluster = held(clusterId);
        synchronized (cluster) {
            long version = QuarkusTransaction.requiringNew().call(() -> versions.current(clusterId));
            if (cluster.queue == null || cluster.version != version) {
                rebuild(cluster, clusterId, version);
            }
            return reading.apply(cluster.queue);
        }
    }

    /**
     * Runs a change of the cluster's deployments under its queue's lock and in one transaction; the function
     * changes the queue and the database together. If it throws, nothing is committed and the queue is rebuilt
     * on next use. A change made here to a cluster another instance schedules is announced to it.
     */
    public <T> T change(UUID clusterId, Function<ClusterQueue, T> change) {
        return changeAll(List.of(clusterId), queues -> change.apply(queues.get(clusterId)));
    }

    /**
     * One change of several clusters at once (a poll's events): as {@link #change} for each, but under all their
     * queues' locks and in a single transaction, so that the change lock, the last writes and the commit are paid
     * once for all of them. The function gets the queues by cluster. If it throws, nothing is committed and every
     * one of the queues is rebuilt on next use.
     */
    public <T> T changeAll(Collection<UUID> clusterIds, Function<Map<UUID, ClusterQueue>, T> change) {
        return changeAll(clusterIds, false, change);
    }

    /**
     * A change of several clusters that writes the ledger too (a scheduling pass): as {@link #changeAll}, after
     * releasing, for each queue rebuilt since the ledger was last reconciled with it, the claims of deployments
     * that do not run.
     */
    public <T> T scheduleAll(Collection<UUID> clusterIds, Function<Map<UUID, ClusterQueue>, T> change) {
        return changeAll(clusterIds, true, change);
    }

    private <T> T changeAll(Collection<UUID> clusterIds, boolean writesLedger,
                            Function<Map<UUID, ClusterQueue>, T> change) {
        // Always the same order, in memory and in the database, so two changes of overlapping clusters never
        // wait for each other.
        List<UUID> ordered = clusterIds.stream().distinct().sorted(ClusterVersions.LOCK_ORDER).toList();
        while (true) {
            List<Held> clusters = ordered.stream().map(this::held).toList();
            Attempt<T> attempt = ClusterQueues.<Attempt<T>>lockedInOrder(clusters, 0, () -> {
                for (int i = 0; i < ordered.size(); i++) {
                    if (held.get(ordered.get(i)) != clusters.get(i)) {
                        return Attempt.dropped(); // dropped meanwhile: lock the queue that replaced it instead
                    }
                }
                return Attempt.done(changeLocked(ordered, clusters, writesLedger, change));
            });
            if (!attempt.queueDropped()) {
                return attempt.result();
            }
        }
    }

    /** The outcome of taking the queues' locks: the change's result, or none because a queue had been dropped. */
    private record Attempt<T>(boolean queueDropped, T result) {
        static <T> Attempt<T> dropped() {
            return new Attempt<>(true, null);
        }

        static <T> Attempt<T> done(T result) {
            return new Attempt<>(false, result);
        }
    }

    private static <T> T lockedInOrder(List<Held> clusters, int from, Supplier<T> work) {
        if (from == clusters.size()) {
            return work.get();
        }
        synchronized (clusters.get(from)) {
            return lockedInOrder(clusters, from + 1, work);
        }
    }

    private <T> T changeLocked(List<UUID> ordered, List<Held> clusters, boolean writesLedger,
                               Function<Map<UUID, ClusterQueue>, T> change) {
        try {
            Map<UUID, Long> committed = new HashMap<>();
            T result = QuarkusTransaction.requiringNew().call(() -> {
                Map<UUID, Long> current = versions.lock(ordered);
                Map<UUID, ClusterQueue> queues = new LinkedHashMap<>();
                Map<UUID, Long> changesBefore = new HashMap<>();
                for (int i = 0; i < ordered.size(); i++) {
                    UUID clusterId = ordered.get(i);
                    Held cluster = clusters.get(i);
                    long version = current.get(clusterId);
                    if (cluster.queue == null || cluster.version != version) {
                        rebuild(cluster, clusterId, version);
                    }
                    if (writesLedger && !cluster.reconciled) {
                        releaseStrayClaims(clusterId, cluster.queue);
                        cluster.reconciled = true;
                    }
                    queues.put(clusterId, cluster.queue);
                    changesBefore.put(clusterId, cluster.queue.changes());
                }
                outbox.hold();
                T changed = change.apply(queues);
                List<SqlStatement> lastWrites = new ArrayList<>(outbox.heldWrites());
                List<UUID> advanced = new ArrayList<>();
                for (UUID clusterId : ordered) {
                    committed.put(clusterId, current.get(clusterId));
                    // Only a change of the deployments moves the version on (and writes): a pass that placed
                    // nothing leaves every other instance's memory as good as it was.
                    if (queues.get(clusterId).changes() != changesBefore.get(clusterId)) {
                        advanced.add(clusterId);
                        committed.put(clusterId, current.get(clusterId) + 1);
                        if (!ownership.owns(clusterId)) {
                            versions.announce(clusterId);
                        }
                    }
                }
                if (!advanced.isEmpty()) {
                    lastWrites.add(versions.advancing(advanced));
                }
                sql.updateTogether(lastWrites);
                return changed;
            });
            for (int i = 0; i < ordered.size(); i++) {
                clusters.get(i).version = committed.get(ordered.get(i));
            }
            relay.nudge(); // the change's events are committed: publish them now, not at the next poll
            return result;
        } catch (RuntimeException e) {
            ordered.forEach(this::forget);
            throw e;
        }
    }

    /** True when the cluster's queue is in memory and holds pending deployments. */
    public boolean hasPending(UUID clusterId) {
        Held cluster = held.get(clusterId);
        if (cluster == null) {
            return false;
        }
        synchronized (cluster) {
            return cluster.queue != null && cluster.queue.hasPending();
        }
    }

    /** How many deployments wait in each known cluster's queue, by priority, as this instance last saw them. */
    public Map<UUID, Map<String, Integer>> depths() {
        Map<UUID, Map<String, Integer>> depths = new HashMap<>();
        held.forEach((clusterId, cluster) -> {
            Map<String, Integer> byPriority = new TreeMap<>();
            for (Priority priority : Priority.values()) {
                byPriority.put(priority.name(), 0);
            }
            synchronized (cluster) {
                if (cluster.queue != null) {
                    cluster.queue.pendingInOrder().forEach(deployment -> byPriority.merge(
                            deployment.priority().name(), 1, Integer::sum));
                }
            }
            depths.put(clusterId, byPriority);
        });
        return depths;
    }

    /** Drops the cluster's queue; the next use rebuilds it from the database. */
    public void forget(UUID clusterId) {
        held.remove(clusterId);
    }

    private Held held(UUID clusterId) {
        Held cluster = held.get(clusterId);
        if (cluster != null) {
            return cluster;
        }
        cluster(clusterId); // 404 for a cluster nobody knows, before anything is kept for it
        return held.computeIfAbsent(clusterId, id -> new Held());
    }

    /**
     * The cluster as cluster-service answers it now, kept for when it cannot answer; while it cannot, as it last
     * answered (to this or another instance). 404 when cluster-service knows no such cluster; the upstream
     * failure when it cannot answer about a cluster never seen.
     */
    private ClusterInfo cluster(UUID clusterId) {
        Optional<ClusterInfo> answered;
        try {
            answered = clusters.cluster(clusterId);
        } catch (UpstreamException unanswered) {
            ClusterInfo kept = Optional.ofNullable(learned.get(clusterId))
                    .or(() -> QuarkusTransaction.requiringNew().call(() -> known.recall(clusterId)))
                    .orElseThrow(() -> unanswered);
            LOG.debugf("cluster %s: cluster-service cannot answer (%s); going by what it said last", clusterId,
                    unanswered.getMessage());
            learned.put(clusterId, kept);
            return kept;
        }
        if (answered.isEmpty()) {
            learned.remove(clusterId);
            QuarkusTransaction.requiringNew().run(() -> known.forget(clusterId));
            throw new UnknownClusterException(clusterId);
        }
        ClusterInfo cluster = answered.get();
        if (!cluster.equals(learned.put(clusterId, cluster))) {
            QuarkusTransaction.requiringNew().run(() -> known.remember(cluster, clock.instant()));
        }
        return cluster;
    }

    /** Builds the queue from the database as of {@code version}; the ledger is reconciled before it is written. */
    private void rebuild(Held held, UUID clusterId, long version) {
        ClusterInfo cluster = cluster(clusterId);
        ClusterQueue queue = new ClusterQueue(cluster.id(), cluster.capacity(), cluster.preemptionAllowed());
        List<DeploymentRecord> live = QuarkusTransaction.requiringNew().call(() -> deployments.liveOn(cluster.id()));
        Set<UUID> dependencies = new HashSet<>();
        live.forEach(deployment -> dependencies.addAll(deployment.dependsOn()));
        Map<UUID, DeploymentStatus> statuses = QuarkusTransaction.requiringNew()
                .call(() -> deployments.statusesOf(dependencies));
        int running = 0;
        for (DeploymentRecord deployment : live) {
            if (deployment.status() == DeploymentStatus.RUNNING) {
                queue.restoreRunning(new RunningDeployment(deployment.queued(), deployment.startedAt()));
                running++;
            }
        }
        for (DeploymentRecord deployment : live) {
            if (deployment.status() == DeploymentStatus.PENDING) {
                List<UUID> unmet = deployment.dependsOn().stream()
                        .filter(dependency -> statuses.get(dependency) != DeploymentStatus.COMPLETED).toList();
                queue.enqueue(deployment.queued(), unmet);
            }
        }
        held.queue = queue;
        held.version = version;
        held.reconciled = false;
        LOG.debugf("cluster %s: queue rebuilt at version %d with %d pending and %d running deployments", clusterId,
                version, live.size() - running, running);
    }

    private void releaseStrayClaims(UUID clusterId, ClusterQueue queue) {
        List<UUID> stray = new ArrayList<>(clusters.claimHolders(clusterId));
        stray.removeIf(queue::isRunning);
        if (!stray.isEmpty()) {
            LOG.debugf("cluster %s: releasing %d claims of deployments that do not run (any more): %s", clusterId,
                    stray.size(), stray);
        }
        // In batches the ledger takes: after a crash at scale there may be thousands.
        for (int from = 0; from < stray.size(); from += LedgerBatches.MAX_RELEASES) {
            clusters.allocate(clusterId, Map.of(),
                    stray.subList(from, Math.min(stray.size(), from + LedgerBatches.MAX_RELEASES)));
        }
    }
}
