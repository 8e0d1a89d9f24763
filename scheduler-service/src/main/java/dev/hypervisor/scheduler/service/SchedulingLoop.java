package dev.hypervisor.scheduler.service;

import dev.hypervisor.runtime.retry.Backoff;
import dev.hypervisor.scheduler.client.UpstreamException;
import dev.hypervisor.scheduler.domain.SchedulingPolicy;
import dev.hypervisor.scheduler.metrics.SchedulerMetrics;
import dev.hypervisor.scheduler.persistence.DeploymentRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Decides when scheduling passes run, and over which clusters. A pass is requested ({@link #wake}) whenever
 * something changes a cluster's queue; requests that arrive while one waits fold into it, and a pass thread
 * takes every cluster requested so far into one {@link SchedulingPass}: one ledger call and one transaction for
 * all of them. The busier the clusters, the more each pass carries, so the time a deployment waits for a pass
 * stays about the time of one pass.
 *
 * <p>A pass that fails is tried again cluster by cluster at once, so that one cluster's trouble does not hold up
 * the others; a cluster whose own pass fails waits, longer after each failure in a row.
 *
 * <p>Passes run only for the clusters this instance owns ({@link ClusterOwnership}); when Kafka assigns it
 * partitions, it takes up every cluster of theirs that has live deployments, from the database.
 */
@ApplicationScoped
public class SchedulingLoop {

    private static final Logger LOG = Logger.getLogger(SchedulingLoop.class);
    /** The most clusters in one pass: enough for every cluster of a busy instance, few enough to plan quickly. */
    private static final int MAX_CLUSTERS_PER_PASS = 100;

    private final ClusterQueues queues;
    private final ClusterOwnership ownership;
    private final SchedulingPass pass;
    private final DeploymentRepository deployments;
    private final DeletedClusters deletedClusters;
    private final SchedulerMetrics metrics;
    private final Clock clock;
    private final ExecutorService passes;
    /** Clusters whose pass was asked for and not yet taken up, in the order asked; guarded by itself. */
    private final Set<UUID> requested = new LinkedHashSet<>();
    /** Clusters whose last pass failed, and when to try again. */
    private final Backoff<UUID> failures;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "scheduling-retries");
        thread.setDaemon(true);
        return thread;
    });
    /** Per cluster, deployments that ended and whose claims the next pass releases. */
    private final OwedReleases owedReleases = new OwedReleases();

    public SchedulingLoop(ClusterQueues queues, ClusterOwnership ownership, SchedulingPass pass,
                          DeploymentRepository deployments, DeletedClusters deletedClusters, SchedulerMetrics metrics,
                          Clock clock,
                          @ConfigProperty(name = "hv.scheduler.pass-threads", defaultValue = "2") int threads,
                          @ConfigProperty(name = "hv.scheduler.retry-first", defaultValue = "500ms")
                          Duration firstRetry,
                          @ConfigProperty(name = "hv.scheduler.retry-longest", defaultValue = "15s")
                          Duration longestRetry,
                          @ConfigProperty(name = "hv.scheduler.release-interval", defaultValue = "200ms")
                          Duration releaseInterval) {
        this.queues = queues;
        this.ownership = ownership;
        this.pass = pass;
        this.deployments = deployments;
        this.deletedClusters = deletedClusters;
        this.metrics = metrics;
        this.clock = clock;
        this.failures = new Backoff<>(firstRetry, longestRetry);
        this.passes = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "scheduling-pass");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < threads; i++) {
            passes.execute(this::runPasses);
        }
        retries.scheduleWithFixedDelay(this::flushReleases, releaseInterval.toMillis(), releaseInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public SchedulingPolicy policy() {
        return pass.policy();
    }

    /**
     * The deployments ended (their end is committed): their claims go with the cluster's next ledger batch,
     * together with whatever that pass places in the capacity they leave. When deployments wait, that pass
     * starts now; otherwise the releases wait for the next flush (within {@code hv.scheduler.release-interval}),
     * so that a busy cluster does not pay a ledger call for every deployment that ends.
     */
    public void release(UUID clusterId, Collection<UUID> deployments) {
        if (!ownership.owns(clusterId)) {
            return; // the owner releases them when it takes up the change this instance announced
        }
        owedReleases.add(clusterId, deployments);
        if (deployments.isEmpty() || queues.hasPending(clusterId)) {
            wake(clusterId);
        }
    }

    /**
     * Sends the releases no pass has taken along yet. Timed here rather than with {@code @Scheduled}, which runs
     * nothing more often than once a second.
     */
    private void flushReleases() {
        try {
            owedReleases.clusters().forEach(this::wake);
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not flush the owed releases; the next flush retries"); // a throw would end the timer
        }
    }

    /** Asks for a pass over the cluster's queue soon, if this instance schedules the cluster. */
    public void wake(UUID clusterId) {
        if (!ownership.owns(clusterId)) {
            owedReleases.forget(clusterId); // the new owner reconciles the ledger when it takes the cluster up
            return;
        }
        if (failures.waiting(clusterId, clock.instant())) {
            return; // a retry is already timed for when the back-off ends
        }
        synchronized (requested) {
            if (requested.add(clusterId)) {
                requested.notify();
            }
        }
    }

    /** A pass thread: takes every cluster requested so far into one pass, again and again. */
    private void runPasses() {
        while (true) {
            List<UUID> clusters = new ArrayList<>();
            synchronized (requested) {
                while (requested.isEmpty()) {
                    try {
                        requested.wait();
                    } catch (InterruptedException stopping) {
                        return;
                    }
                }
                Iterator<UUID> next = requested.iterator();
                while (next.hasNext() && clusters.size() < MAX_CLUSTERS_PER_PASS) {
                    clusters.add(next.next());
                    next.remove();
                }
            }
            passOver(clusters);
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
            // Nothing was recorded; the queues are dropped, and rebuilding them releases these releases too.
            clusters.forEach(queues::forget);
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
                // preempted (at most its releases were applied), and its queue was dropped: the retry rebuilds it
                // from the database and cluster-service, and releases every claim of a deployment that does not run
                // before it places.
                retryLater(clusterId, new LedgerRefusal("the ledger refused the pass's claims and releases"
                        + " (the cluster was resized or deleted); the queue is rebuilt"));
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
     * A pass failed (cluster-service or the database could not answer, most likely): the cluster's next pass
     * waits, longer after each failure in a row, so that an outage is not met with a storm of calls. Deployments
     * keep being accepted and queued meanwhile; the retry rebuilds the queue, which releases the claims of
     * deployments that ended meanwhile.
     */
    private void retryLater(UUID clusterId, RuntimeException failure) {
        Duration wait = failures.failed(clusterId, clock.instant());
        metrics.passFailed();
        if (failure instanceof LedgerRefusal) {
            LOG.infof("cluster %s: %s; the pass is retried in %d ms", clusterId, failure.getMessage(), wait.toMillis());
        } else if (failure instanceof UpstreamException) {
            LOG.warnf("cluster %s: %s; the pass is retried in %d ms", clusterId, failure.getMessage(), wait.toMillis());
        } else {
            LOG.warnf(failure, "cluster %s: the scheduling pass failed; it is retried in %d ms", clusterId,
                    wait.toMillis());
        }
        try {
            retries.schedule(() -> wake(clusterId), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // the service is stopping; whoever takes the cluster up next schedules it
        }
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
    }

    /**
     * Takes up every owned cluster that has live deployments: after Kafka assigned partitions to this instance,
     * or after announcements from other instances may have been missed.
     */
    public void adopt() {
        retries.execute(() -> {
            try {
                List<UUID> live = QuarkusTransaction.requiringNew().call(deployments::clustersWithLiveDeployments);
                live.forEach(this::wake);
            } catch (RuntimeException e) {
                LOG.warnf(e, "could not list the clusters to take up; the next assignment or sweep retries");
            }
        });
    }

    void stop(@Observes ShutdownEvent stopping) {
        retries.shutdownNow();
        passes.shutdownNow();
    }

    /** The ledger refused a cluster's share of a pass: the queue's idea of the cluster was out of date. */
    private static final class LedgerRefusal extends RuntimeException {
        LedgerRefusal(String message) {
            super(message, null, false, false);
        }
    }
}
