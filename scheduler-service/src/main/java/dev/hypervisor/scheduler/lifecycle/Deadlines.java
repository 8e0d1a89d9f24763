package dev.hypervisor.scheduler.lifecycle;

import dev.hypervisor.scheduler.clusters.ClusterOwnership;
import dev.hypervisor.scheduler.config.ExecutorLeaseConfig;
import dev.hypervisor.scheduler.config.SchedulerConfig;
import dev.hypervisor.scheduler.persistence.DeploymentRepository;
import dev.hypervisor.scheduler.persistence.DeploymentRepository.Due;
import dev.hypervisor.scheduler.persistence.ExecutorLeaseRepository;
import dev.hypervisor.scheduler.queue.ClusterChange;
import dev.hypervisor.scheduler.queue.ClusterChanges;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Ends what falls due: deployments that run longer than their {@code maxRunDuration} ({@code TIMED_OUT}),
 * graceful preemptions whose grace period ran out (the victim is taken back as if it had stopped), and the
 * deployments of a cluster whose executor's lease ran out ({@code EXECUTOR_LOST}). Each deadline is in the database
 * (a deployment's deadline and stop-by, written with the change that sets them; a lease's last heartbeat), so one
 * that falls due while no scheduler runs is met as soon as the owner of its cluster runs again; no timer holds
 * anything that a restart would lose. Every {@code hv.scheduler.deadline-interval} each instance reads what is due
 * (run-time limits and grace periods through partial indexes, so the cost is what is due, not what runs; leases
 * from the few clusters that have one) and ends the deployments of the clusters it owns, in one change of those
 * clusters.
 */
@ApplicationScoped
public class Deadlines {

    private static final Logger LOG = Logger.getLogger(Deadlines.class);
    /** The most deployments read in one round; a full round is followed by another at once. */
    private static final int MOST_PER_ROUND = 500;

    private final DeploymentRepository deployments;
    private final ClusterOwnership ownership;
    private final ClusterChanges changes;
    private final DeploymentLifecycle lifecycle;
    private final GracefulPreemptions preemptions;
    private final ExecutorLeaseRepository leases;
    private final Duration lease;
    private final Clock clock;
    /** When a sweep last failed (the database away): leases are not judged for a lease after it. */
    private volatile Instant lastFailure;
    private final SchedulerConfig config;
    private ScheduledExecutorService timer;

    public Deadlines(DeploymentRepository deployments, ClusterOwnership ownership, ClusterChanges changes,
                     DeploymentLifecycle lifecycle, GracefulPreemptions preemptions, ExecutorLeaseRepository leases,
                     Clock clock, SchedulerConfig config, ExecutorLeaseConfig leaseConfig) {
        this.deployments = deployments;
        this.ownership = ownership;
        this.changes = changes;
        this.lifecycle = lifecycle;
        this.preemptions = preemptions;
        this.leases = leases;
        this.lease = leaseConfig.lease();
        this.clock = clock;
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "deadlines");
            thread.setDaemon(true);
            return thread;
        });
        // Timed here rather than with @Scheduled, which runs nothing more often than once a second.
        long every = config.deadlineInterval().toMillis();
        timer.scheduleWithFixedDelay(this::endWhatIsDue, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Ends every owned deployment that is due, a round at a time. */
    void endWhatIsDue() {
        sweep(deployments::dueBy, lifecycle::timeOutWithin, "the deployments past their run-time limit");
        sweep(deployments::stopDueBy, preemptions::stopWithin, "the preemptions past their grace period");
        sweep(this::lostToSilentExecutors, (change, lost) -> lifecycle.loseWithin(change, lost,
                "its executor sent no heartbeat for " + lease.toSeconds() + " s"),
                "the deployments of silent executors");
    }

    /**
     * The running deployments of clusters whose executor has been silent for a lease, as far as this instance can
     * tell: only for clusters it has scheduled for at least a lease, and not within a lease of its own failing
     * sweeps (its database away): heartbeats sent meanwhile may still wait, unread, in the status topic.
     */
    private List<Due> lostToSilentExecutors(Instant now, int limit) {
        Instant silentSince = now.minus(lease);
        Instant failed = lastFailure;
        if (failed != null && failed.isAfter(silentSince)) {
            return List.of();
        }
        return leases.lostBy(silentSince, limit).stream().filter(lost -> ownership.ownedSince(lost.clusterId())
                .map(since -> !since.isAfter(silentSince)).orElse(false)).toList();
    }

    private void sweep(BiFunction<Instant, Integer, List<Due>> due,
                       BiFunction<ClusterChange, Map<UUID, List<UUID>>, Integer> end, String what) {
        try {
            while (round(due, end)) {
                // a full round that ended some: there may be more due
            }
        } catch (RuntimeException e) {
            lastFailure = clock.instant();
            LOG.warnf(e, "could not end %s; the next round retries", what);
        }
    }

    /** One round; answers true when it read a full round and ended some of it. */
    private boolean round(BiFunction<Instant, Integer, List<Due>> read,
                          BiFunction<ClusterChange, Map<UUID, List<UUID>>, Integer> end) {
        List<Due> due = QuarkusTransaction.requiringNew().call(() -> read.apply(clock.instant(), MOST_PER_ROUND));
        Map<UUID, List<UUID>> owned = new HashMap<>();
        for (Due deployment : due) {
            if (ownership.owns(deployment.clusterId())) {
                owned.computeIfAbsent(deployment.clusterId(), cluster -> new ArrayList<>()).add(deployment.id());
            }
        }
        if (owned.isEmpty()) {
            return false;
        }
        int ended;
        try (ClusterChange change = changes.open(owned.keySet())) {
            ended = end.apply(change, owned);
            change.commit();
        }
        return due.size() == MOST_PER_ROUND && ended > 0;
    }
}
