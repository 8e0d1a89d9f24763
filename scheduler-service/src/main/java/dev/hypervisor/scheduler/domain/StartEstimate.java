package dev.hypervisor.scheduler.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * When pending deployments would start at the latest were nothing else submitted ({@code estimatedStartAt}): the
 * policy is played forward on a copy of the cluster. Each running deployment releases its resources when its
 * run-time limit ends it (one asked to stop, when the grace period ends), as if it completed then; each deployment
 * the play starts holds them until its own limit ends it. A deployment still waiting once every deployment with a
 * limit has released gets no estimate: it waits for one without a limit, which may run for ever.
 *
 * <p>A deployment's copy holds the running deployments and the pending ones up to it in queue order: what the
 * policy's walk comes to before it. So an estimate costs what lies up to it, not the whole queue, and a deployment
 * has the same estimate on every page that lists it. Deployments behind it are taken not to go first; they could
 * only by backfilling capacity it cannot use yet (until it has waited past the aging threshold), or, on a cluster
 * divided into queues, when their queue's turn comes first. A deployment's play has at most {@link #MOST_ROUNDS}
 * rounds (preempted deployments go back to the queue and start again, which can take many); one that has not
 * started by then gets no estimate.
 */
final class StartEstimate {

    /** Rounds of the policy (each a walk up to the deployment asked about) one deployment's play may have. */
    static final int MOST_ROUNDS = 256;

    private final ClusterQueue cluster;
    private final SchedulingPolicy policy;
    private final Duration gracePeriod;
    private final QueuedDeployment asked;
    /** When each running deployment of the copy releases its resources at the latest; absent: never. */
    private final Map<UUID, Instant> releases = new HashMap<>();
    private Instant at;

    private StartEstimate(ClusterQueue copy, QueuedDeployment asked, SchedulingPolicy policy, Instant now) {
        this.cluster = copy;
        this.asked = asked;
        this.policy = policy;
        this.gracePeriod = copy.preemptionGracePeriod();
        this.at = now;
        for (RunningDeployment running : copy.running()) {
            Instant release = releaseOf(copy, running, now);
            if (release != null) {
                releases.put(running.deployment().id(), release);
            }
        }
    }

    /**
     * For each of the {@code wanted} pending deployments of the cluster that would start were nothing else
     * submitted, when at the latest; those that would start in the next pass, {@code now}. {@code reasons} are
     * theirs as the cluster explains them now.
     */
    static Map<UUID, Instant> of(ClusterQueue cluster, Collection<QueuedDeployment> wanted,
                                 Map<UUID, PendingReason> reasons, SchedulingPolicy policy, Instant now) {
        Map<UUID, Instant> estimates = new HashMap<>();
        boolean onlyTheNextPassStartsAnything = !wanted.isEmpty() && nothingWillBeReleased(cluster, now);
        for (QueuedDeployment deployment : wanted) {
            Instant start;
            if (onlyTheNextPassStartsAnything) { // as the reasons say: nothing to play
                start = startsNext(reasons.get(deployment.id())) ? now : null;
            } else {
                StartEstimate play = new StartEstimate(cluster.copyUpTo(deployment), deployment, policy, now);
                play.untilItStarts();
                start = play.startedAt();
            }
            if (start != null) {
                estimates.put(deployment.id(), start);
            }
        }
        return estimates;
    }

    /**
     * True when no running deployment will release its resources at a known time, and no preemption would make
     * anyone wait for a grace period: then those the next pass starts are all that ever start.
     */
    private static boolean nothingWillBeReleased(ClusterQueue cluster, Instant now) {
        if (!cluster.preemptionGracePeriod().isZero() && cluster.preemptionAllowed()) {
            return false;
        }
        return cluster.noneRunning(running -> releaseOf(cluster, running, now) != null);
    }

    private static boolean startsNext(PendingReason reason) {
        return reason != null && reason.reason() == PendingReason.Reason.NOT_YET_EVALUATED;
    }

    /** When the running deployment releases its resources at the latest; null: never, as far as anyone knows. */
    private static Instant releaseOf(ClusterQueue cluster, RunningDeployment running, Instant now) {
        Instant release = cluster.isStopping(running.deployment().id()) ? now.plus(cluster.preemptionGracePeriod())
                : running.deadline();
        return release == null || !release.isBefore(now) ? release : now; // overdue: the next sweep ends it
    }

    /** Plays rounds until the deployment asked about has started, at most {@link #MOST_ROUNDS}. */
    private void untilItStarts() {
        for (int round = 0; round < MOST_ROUNDS && startedAt() == null; round++) {
            if (!passChangedSomething() && !releaseTheNext()) {
                break; // it waits for deployments without a limit
            }
        }
    }

    /** When the play started the deployment asked about; null while it has not. */
    private Instant startedAt() {
        return cluster.isPending(asked.id()) ? null : at;
    }

    /** One pass of the policy at {@code at}, applied to the copy as the scheduler would; false when it did nothing. */
    private boolean passChangedSomething() {
        SchedulingPlan plan = cluster.planUpTo(policy, at, List.of(asked));
        Set<UUID> waitForVictims = new HashSet<>();
        for (Preemption preemption : plan.preemptions()) {
            for (UUID victim : preemption.victims()) {
                if (gracePeriod.isZero()) {
                    cluster.requeue(victim);
                    releases.remove(victim);
                } else { // asked to stop: the preemptor starts once the grace period has passed at the latest
                    cluster.stopping(victim, preemption.preemptor());
                    releases.put(victim, at.plus(gracePeriod));
                    waitForVictims.add(preemption.preemptor());
                }
            }
        }
        for (UUID id : plan.placements()) {
            if (waitForVictims.contains(id)) {
                continue;
            }
            QueuedDeployment started = plan.asStarted(cluster.pending(id).orElseThrow());
            cluster.start(id, started.replicas(), at);
            if (started.maxRunDuration() != null) {
                releases.put(id, at.plus(started.maxRunDuration()));
            }
        }
        return !plan.changesNothing();
    }

    /** Moves on to the next release and applies every release due by then; false when none is to come. */
    private boolean releaseTheNext() {
        Instant next = releases.values().stream().min(Comparator.naturalOrder()).orElse(null);
        if (next == null) {
            return false;
        }
        at = next.isAfter(at) ? next : at;
        List<UUID> due = new ArrayList<>();
        releases.forEach((id, release) -> {
            if (!release.isAfter(at)) {
                due.add(id);
            }
        });
        for (UUID id : due) {
            releases.remove(id);
            if (cluster.isStopping(id)) {
                cluster.requeue(id); // a preempted deployment goes back to the queue, its capacity to its preemptor
            } else {
                cluster.complete(id);
            }
        }
        return true;
    }
}
