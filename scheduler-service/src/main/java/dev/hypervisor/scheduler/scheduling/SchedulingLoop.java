package dev.hypervisor.scheduler.scheduling;

import dev.hypervisor.scheduler.client.LedgerBatches;
import dev.hypervisor.scheduler.clusters.ClusterOwnership;
import dev.hypervisor.scheduler.clusters.UnknownClusterException;
import dev.hypervisor.scheduler.config.SchedulerConfig;
import dev.hypervisor.scheduler.lifecycle.DeletedClusters;
import dev.hypervisor.scheduler.metrics.SchedulerMetrics;
import dev.hypervisor.scheduler.persistence.DeploymentRepository;
import dev.hypervisor.scheduler.queue.ClusterChangeCommitted;
import dev.hypervisor.scheduler.queue.QueueCache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Decides when scheduling passes run, and over which clusters. A pass is asked for ({@link #wake}) whenever a
 * change commits that may let deployments start; requests that arrive while one waits fold into it, and a pass
 * thread takes every cluster asked for so far into one {@link SchedulingPass}: one ledger call and one
 * transaction for all of them. The busier the clusters, the more each pass carries, so the time a deployment
 * waits for a pass stays about the time of one pass.
 *
 * <p>A pass that fails is tried again cluster by cluster at once, so that one cluster's trouble does not hold up
 * the others; a cluster whose own pass fails waits ({@link PassFailures}).
 *
 * <p>Passes run only for the clusters this instance owns ({@link ClusterOwnership}); when Kafka assigns it
 * partitions, it takes up every cluster of theirs that has live deployments, from the database.
 */
@ApplicationScoped
public class SchedulingLoop {

    private static final Logger LOG = Logger.getLogger(SchedulingLoop.class);
    /** The most clusters in one pass: enough for every cluster of a busy instance, few enough to plan quickly. */
    private static final int MAX_CLUSTERS_PER_PASS = 100;

    private final QueueCache queues;
    private final ClusterOwnership ownership;
    private final SchedulingPass pass;
    private final PassFailures failures;
    private final DeploymentRepository deployments;
    private final DeletedClusters deletedClusters;
    private final SchedulerMetrics metrics;
    private final SchedulerConfig config;
    private final PassRequests requested = new PassRequests();
    /** Per cluster, deployments that ended and whose claims the next pass releases. */
    private final OwedReleases owedReleases = new OwedReleases();
    private ExecutorService passThreads;
    /** Times retries and the release flush, and takes up clusters off the caller's thread. */
    private ScheduledExecutorService timer;

    public SchedulingLoop(QueueCache queues, ClusterOwnership ownership, SchedulingPass pass, PassFailures failures,
                          DeploymentRepository deployments, DeletedClusters deletedClusters, SchedulerMetrics metrics,
                          SchedulerConfig config) {
        this.queues = queues;
        this.ownership = ownership;
        this.pass = pass;
        this.failures = failures;
        this.deployments = deployments;
        this.deletedClusters = deletedClusters;
        this.metrics = metrics;
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "scheduling-timer"));
        passThreads = Executors.newFixedThreadPool(config.passThreads(), runnable -> daemon(runnable, "scheduling-pass"));
        for (int i = 0; i < config.passThreads(); i++) {
            passThreads.execute(this::runPasses);
        }
        // Timed here rather than with @Scheduled, which runs nothing more often than once a second.
        long every = config.releaseInterval().toMillis();
        timer.scheduleWithFixedDelay(this::flushReleases, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer != null) {
            timer.shutdownNow();
            passThreads.shutdownNow();
        }
    }

    /**
     * A change committed: each cluster it changed gets a pass soon, which also releases the claims of the
     * deployments that ended. When nothing waits on a cluster, its releases wait for the next flush (within
     * {@code hv.scheduler.release-interval}), so that a busy cluster does not pay a ledger call for every
     * deployment that ends. A pass's own change asks for nothing: the pass knows what it left to do.
     */
    void changed(@Observes ClusterChangeCommitted change) {
        if (change.pass()) {
            return;
        }
        change.changed().forEach((clusterId, ended) -> {
            if (!ownership.owns(clusterId)) {
                return; // its owner releases the claims when it takes up the change this instance announced
            }
            owedReleases.add(clusterId, ended);
            if (ended.isEmpty() || queues.hasPending(clusterId)) {
                wake(clusterId);
            }
        });
    }

    /** Asks for a pass over the cluster's queue soon, if this instance schedules the cluster. */
    public void wake(UUID clusterId) {
        if (!ownership.owns(clusterId)) {
            owedReleases.forget(clusterId); // the new owner reconciles the ledger when it takes the cluster up
            return;
        }
        if (failures.waiting(clusterId)) {
            return; // a retry is already timed for when the back-off ends
        }
        requested.add(clusterId);
    }

    /**
     * Takes up every owned cluster that has live deployments: after Kafka assigned partitions to this instance,
     * or after announcements from other instances may have been missed.
     */
    public void adopt() {
        later(() -> {
            try {
                QuarkusTransaction.requiringNew().call(deployments::clustersWithLiveDeployments).forEach(this::wake);
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not list the clusters to take up; the next assignment or sweep retries");
            }
        }, Duration.ZERO);
    }

    /**
     * Every few seconds, a pass over every cluster that may need one: time alone changes decisions (aging), and a
     * rebuilt queue's stray claims are released. Idle clusters are left out: with many of them, passes that find
     * nothing to do would delay those that do.
     */
    @Scheduled(every = "${hv.scheduler.sweep-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        queues.needingPasses().forEach(this::wake);
        metrics.queueDepths(queues.depths());
        metrics.queueShares(queues.queueStatuses());
    }

    /** Sends the releases no pass has taken along yet. */
    private void flushReleases() {
        try {
            owedReleases.clusters().forEach(this::wake);
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not flush the owed releases; the next flush retries"); // a throw would end the timer
        }
    }

    /** A pass thread: takes every cluster asked for so far into one pass, again and again. */
    private void runPasses() {
        while (!passThreads.isShutdown()) {
            try {
                passOver(requested.take(MAX_CLUSTERS_PER_PASS));
            } catch (InterruptedException interrupted) {
                // the service is stopping, or a stray interrupt: the loop's condition tells which
            }
        }
    }

    private void passOver(List<UUID> clusters) {
        Map<UUID, List<UUID>> releases = new HashMap<>();
        // At most a ledger batch's worth per cluster: the rest waits for the cluster's next pass, asked for below.
        clusters.forEach(clusterId -> releases.put(clusterId,
                owedReleases.take(clusterId, LedgerBatches.MAX_RELEASES)));
        SchedulingPass.Outcome outcome;
        try {
            outcome = pass.run(clusters, releases);
        } catch (RuntimeException e) {
            // Nothing was recorded and the queues were dropped; building them again releases these releases too.
            if (clusters.size() > 1) {
                // Each cluster again on its own, so that the one in trouble does not hold up the others.
                clusters.forEach(clusterId -> passOver(List.of(clusterId)));
            } else if (e instanceof UnknownClusterException) {
                clusterDeleted(clusters.get(0));
            } else {
                retryLater(clusters.get(0), e);
            }
            return;
        }
        for (UUID clusterId : clusters) {
            if (outcome.refused().contains(clusterId)) {
                // The ledger knows better: the cluster was resized or deleted. Nothing of its share was placed or
                // preempted (at most its releases were applied), and its queue was dropped: the retry builds it
                // again, and releases every claim of a deployment that does not run before it places.
                retryLater(clusterId, new PassFailures.LedgerRefusal());
            } else {
                failures.succeeded(clusterId);
            }
        }
        outcome.unfinished().forEach(this::wake);
        // A cluster that owed more releases than a pass takes: the rest go with the next pass, now.
        releases.forEach((clusterId, released) -> {
            if (released.size() == LedgerBatches.MAX_RELEASES) {
                wake(clusterId);
            }
        });
    }

    /** The cluster is gone: its deployments can never run (and its claims went with it). */
    private void clusterDeleted(UUID clusterId) {
        owedReleases.forget(clusterId);
        failures.succeeded(clusterId);
        try {
            deletedClusters.endDeploymentsOf(clusterId);
        } catch (RuntimeException e) {
            retryLater(clusterId, e);
        }
    }

    /**
     * The cluster's pass failed: its next waits. Deployments keep being accepted and queued meanwhile; the retry
     * builds the queue again, which releases the claims of deployments that ended meanwhile.
     */
    private void retryLater(UUID clusterId, RuntimeException failure) {
        later(() -> wake(clusterId), failures.failed(clusterId, failure));
    }

    private void later(Runnable task, Duration after) {
        try {
            timer.schedule(task, after.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // the service is stopping; whoever takes the clusters up next schedules them
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
