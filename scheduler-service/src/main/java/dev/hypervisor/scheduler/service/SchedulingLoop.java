package dev.hypervisor.scheduler.service;

import dev.hypervisor.common.resources.Resources;
import dev.hypervisor.runtime.retry.Backoff;
import dev.hypervisor.scheduler.client.ClusterServiceClient;
import dev.hypervisor.scheduler.client.LedgerAnswer;
import dev.hypervisor.scheduler.client.UpstreamException;
import dev.hypervisor.scheduler.domain.ClusterQueue;
import dev.hypervisor.scheduler.domain.Preemption;
import dev.hypervisor.scheduler.domain.SchedulingPlan;
import dev.hypervisor.scheduler.domain.SchedulingPolicy;
import dev.hypervisor.scheduler.metrics.SchedulerMetrics;
import dev.hypervisor.scheduler.persistence.DeploymentRecord;
import dev.hypervisor.scheduler.persistence.DeploymentRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs scheduling passes, one cluster at a time per cluster: plan with the policy, claim the placements (and
 * release the victims) in one ledger batch with the deployment ids as claim ids, then record RUNNING, the
 * preemptions and their events in one transaction. A pass is requested ({@link #wake}) whenever something
 * changes a cluster's queue; requests that arrive while one is waiting fold into it.
 *
 * <p>The ledger is written before the database: if the scheduler stops in between, the claims of deployments
 * that are not running are released when the queue is rebuilt ({@link ClusterQueues}), and a retried claim is
 * idempotent, so nothing is placed twice or leaks.
 *
 * <p>Passes run only for the clusters this instance owns ({@link ClusterOwnership}); when Kafka assigns it
 * partitions, it takes up every cluster of theirs that has live deployments, from the database.
 */
@ApplicationScoped
public class SchedulingLoop {

    private static final Logger LOG = Logger.getLogger(SchedulingLoop.class);
    /** The ledger's batch limit. */
    private static final int MAX_PLACEMENTS_PER_PASS = 1_000;

    private final ClusterQueues queues;
    private final ClusterOwnership ownership;
    private final DeploymentRepository deployments;
    private final DeploymentEvents events;
    private final ClusterServiceClient ledger;
    private final DeletedClusters deletedClusters;
    private final SchedulerMetrics metrics;
    private final SchedulingPolicy policy;
    private final Clock clock;
    private final ExecutorService passes;
    private final Set<UUID> requested = ConcurrentHashMap.newKeySet();
    /** Clusters whose last pass failed, and when to try again. */
    private final Backoff<UUID> failures;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "scheduling-retries");
        thread.setDaemon(true);
        return thread;
    });
    /** Per cluster, deployments that ended and whose claims the next pass releases. */
    private final Map<UUID, Set<UUID>> owedReleases = new ConcurrentHashMap<>();

    public SchedulingLoop(ClusterQueues queues, ClusterOwnership ownership, DeploymentRepository deployments,
                          DeploymentEvents events, ClusterServiceClient ledger, DeletedClusters deletedClusters,
                          SchedulerMetrics metrics, Clock clock,
                          @ConfigProperty(name = "hv.scheduler.aging-threshold", defaultValue = "5m")
                          Duration agingThreshold,
                          @ConfigProperty(name = "hv.scheduler.pass-threads", defaultValue = "4") int threads,
                          @ConfigProperty(name = "hv.scheduler.retry-first", defaultValue = "500ms")
                          Duration firstRetry,
                          @ConfigProperty(name = "hv.scheduler.retry-longest", defaultValue = "15s")
                          Duration longestRetry) {
        this.queues = queues;
        this.ownership = ownership;
        this.deployments = deployments;
        this.events = events;
        this.ledger = ledger;
        this.deletedClusters = deletedClusters;
        this.metrics = metrics;
        this.clock = clock;
        this.policy = new SchedulingPolicy(agingThreshold);
        this.failures = new Backoff<>(firstRetry, longestRetry);
        this.passes = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "scheduling-pass");
            thread.setDaemon(true);
            return thread;
        });
    }

    public SchedulingPolicy policy() {
        return policy;
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
        if (!deployments.isEmpty()) {
            owedReleases.computeIfAbsent(clusterId, id -> ConcurrentHashMap.newKeySet()).addAll(deployments);
        }
        if (deployments.isEmpty() || queues.hasPending(clusterId)) {
            wake(clusterId);
        }
    }

    /** Sends the releases no pass has taken along yet. */
    @Scheduled(every = "${hv.scheduler.release-interval:200ms}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void flushReleases() {
        owedReleases.keySet().forEach(this::wake);
    }

    /** Asks for a pass over the cluster's queue soon, if this instance schedules the cluster. */
    public void wake(UUID clusterId) {
        if (!ownership.owns(clusterId)) {
            owedReleases.remove(clusterId); // the new owner reconciles the ledger when it takes the cluster up
            return;
        }
        if (failures.waiting(clusterId, clock.instant())) {
            return; // a retry is already timed for when the back-off ends
        }
        if (requested.add(clusterId)) {
            passes.execute(() -> {
                requested.remove(clusterId);
                try {
                    pass(clusterId);
                    failures.succeeded(clusterId);
                } catch (UnknownClusterException gone) {
                    clusterDeleted(clusterId);
                } catch (RuntimeException e) {
                    retryLater(clusterId, e);
                }
            });
        }
    }

    /** The cluster is gone: its deployments can never run (and its claims went with it). */
    private void clusterDeleted(UUID clusterId) {
        owedReleases.remove(clusterId);
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
     * Every few seconds, a pass over every known cluster: time alone changes decisions (aging), and a pass that
     * failed (cluster-service unreachable, say) is retried.
     */
    @Scheduled(every = "${hv.scheduler.sweep-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        queues.known().forEach(this::wake);
        metrics.queueDepths(queues.depths());
    }

    /**
     * Takes up every owned cluster that has live deployments: after Kafka assigned partitions to this instance,
     * or after announcements from other instances may have been missed.
     */
    public void adopt() {
        passes.execute(() -> {
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

    private void pass(UUID clusterId) {
        // If the pass fails, the queue is dropped; rebuilding it releases every claim of a deployment that does
        // not run, these releases included.
        List<UUID> releases = drainReleases(clusterId);
        boolean more = queues.schedule(clusterId, queue -> {
            SchedulingPlan plan = queue.plan(policy, clock.instant());
            if (plan.changesNothing() && releases.isEmpty()) {
                return false;
            }
            return apply(queue, plan, releases);
        });
        if (more) {
            wake(clusterId);
        }
    }

    private List<UUID> drainReleases(UUID clusterId) {
        Set<UUID> owed = owedReleases.remove(clusterId);
        return owed == null ? List.of() : List.copyOf(owed);
    }

    /** Applies a plan (or its first part, when it is larger than one ledger batch); answers whether more is left. */
    private boolean apply(ClusterQueue queue, SchedulingPlan plan, List<UUID> releases) {
        UUID clusterId = queue.clusterId();
        List<UUID> placements = plan.placements().subList(0, Math.min(plan.placements().size(),
                MAX_PLACEMENTS_PER_PASS));
        Map<UUID, Resources> claims = new LinkedHashMap<>();
        placements.forEach(id -> claims.put(id, queue.pending(id).orElseThrow().resources()));
        Map<UUID, UUID> preemptors = new HashMap<>();
        List<UUID> victims = new ArrayList<>();
        for (Preemption preemption : plan.preemptions()) {
            if (claims.containsKey(preemption.preemptor())) {
                preemption.victims().forEach(victim -> preemptors.put(victim, preemption.preemptor()));
                victims.addAll(preemption.victims());
            }
        }

        List<UUID> released = new ArrayList<>(victims);
        released.addAll(releases);
        LedgerAnswer answer = ledger.allocate(clusterId, claims, released);
        if (answer != LedgerAnswer.APPLIED) {
            // The ledger knows better: the cluster was resized or deleted. Nothing of the batch was applied, its
            // releases included. The change is dropped with the queue; the retry rebuilds it from the database
            // and cluster-service, and releases every claim of a deployment that does not run before it places.
            throw new LedgerRefusal("the ledger answered " + answer + " to "
                    + claims.size() + " placements and " + released.size() + " releases; the queue is rebuilt");
        }

        Instant now = clock.instant();
        if (!victims.isEmpty()) {
            List<DeploymentRecord> preempted = deployments.findAll(victims);
            deployments.markPreempted(victims);
            preempted.forEach(victim -> events.preempted(victim, preemptors.get(victim.id())));
            victims.forEach(queue::requeue);
            metrics.preempted(victims.size());
        }
        List<DeploymentRecord> placed = deployments.markRunning(placements, now);
        if (placed.size() != placements.size()) {
            throw new IllegalStateException("cluster " + clusterId + ": a placed deployment was no longer pending");
        }
        events.placed(placed, now);
        placed.forEach(deployment -> {
            queue.start(deployment.id(), now);
            metrics.placed(deployment, now);
        });
        return plan.placements().size() > placements.size();
    }

    /** The ledger refused a pass's batch: the queue's idea of the cluster was out of date. */
    private static final class LedgerRefusal extends RuntimeException {
        LedgerRefusal(String message) {
            super(message, null, false, false);
        }
    }
}
