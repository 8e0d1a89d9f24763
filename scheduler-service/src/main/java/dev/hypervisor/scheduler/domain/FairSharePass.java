package dev.hypervisor.scheduler.domain;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.resources.Resources;
import java.time.Duration;
import dev.hypervisor.scheduler.domain.PendingReason.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One pass of the policy over a cluster divided into queues.
 * <ul>
 *   <li>Priority first. Within a priority, the queue with the lowest share ({@link QueueUsage#share}) goes
 *       next, its oldest deployment first; shares move as deployments start, so queues take turns. What fits its
 *       queue's own quota goes before what would borrow, so a queue borrows only what others leave unused.</li>
 *   <li>A queue starts its deployments in order (Kueue's StrictFIFO): once one cannot start, the rest of its
 *       queue waits behind it until a later pass (but for one that never could under the quotas and capacity as
 *       they are: it waits without holding anyone up). So a pass costs what it starts plus one step for each queue
 *       (a heap of queues by share), however deep the queues are; a deep queue is never walked. Backfill is
 *       between queues: another queue's deployment that fits starts.</li>
 *   <li>A deployment starts when its queue's quota, with what it may borrow, allows it ({@link QueueUsage}) and it
 *       fits what is free. One its queue's quota does not allow waits, {@link PendingReason.Reason#QUOTA_EXHAUSTED},
 *       and holds nothing back for itself.</li>
 *   <li>When it fits its quota but not what is free, because other queues borrowed, its queue takes the lent
 *       capacity back: borrowers' deployments are preempted (lowest priority, then most recently started, and only
 *       while their queue still borrows), whatever their priority. Otherwise it may preempt strictly lower
 *       priorities of its own queue, or of queues that borrow. Either only where the cluster allows preemption.</li>
 *   <li>One that would have fit but for what queues with a lower share started first waits
 *       {@link PendingReason.Reason#WAITING_FOR_FAIR_SHARE}; aging is as without queues, and deployments that
 *       wait for dependencies are not in their queue's line until those complete.</li>
 * </ul>
 * Explaining (given an {@link ExplanationScope}) makes the same decisions but goes on past the deployment a queue
 * stopped at, to say why each of the others waits, until it has come to every deployment the question asks about
 * (those waiting for dependencies come last): a reader's question, never a pass.
 */
final class FairSharePass {

    private static final List<Priority> HIGHEST_FIRST = Arrays.stream(Priority.values())
            .sorted(Comparator.comparingInt(priority -> -priority.weight())).toList();

    private final QueueSnapshot cluster;
    private final Duration agingThreshold;
    private final int mostVictims;
    private final boolean explainAll;
    private final ExplanationScope scope;
    private final QueueUsage usage;
    private final List<RunningDeployment> preemptable;
    /** For each preemptor whose victims are still stopping (a graceful preemption): those victims. */
    private final Map<UUID, List<UUID>> awaitedVictims;
    private final QueueTurns turns;
    /** For each queue that stopped: the deployment it stopped at, which the rest of the queue waits behind. */
    private final Map<String, QueuedDeployment> stoppedAt = new HashMap<>();
    private final List<UUID> placements = new ArrayList<>();
    private final Map<UUID, Integer> fewerReplicas = new HashMap<>();
    private final List<Preemption> preemptions = new ArrayList<>();
    private final Map<UUID, PendingReason> reasons = new HashMap<>();
    /** What each queue started in this pass, so a deployment can tell whether others took what it needed. */
    private final Map<String, Resources> startedBy = new HashMap<>();
    private Resources free;
    /** Made once, not for every deployment the pass looks at. */
    private final Supplier<Resources> freeNow = () -> free;
    private final Predicate<QueuedDeployment> quotaAllows = this::allowedByQuota;
    private final Predicate<QueuedDeployment> roomMaker = this::makeRoom;
    private String lastToStart;
    private UUID holder;
    /**
     * How many deployments the walk has come to: the order of queue turns, not the queue's own, so the reasons it
     * gives carry a provisional position that {@code ClusterQueue} replaces with each one's place in the queue.
     */
    private int position;

    /** A pass: what starts, and why the deployments it came to wait. */
    FairSharePass(QueueSnapshot cluster, Duration agingThreshold, int mostVictims) {
        this(cluster, agingThreshold, mostVictims, false, ExplanationScope.everyone());
    }

    /** An explanation of the deployments of the scope. */
    FairSharePass(QueueSnapshot cluster, Duration agingThreshold, int mostVictims, ExplanationScope scope) {
        this(cluster, agingThreshold, mostVictims, true, scope);
    }

    private FairSharePass(QueueSnapshot cluster, Duration agingThreshold, int mostVictims, boolean explainAll,
                          ExplanationScope scope) {
        this.scope = scope;
        this.cluster = cluster;
        this.agingThreshold = agingThreshold;
        this.mostVictims = mostVictims;
        this.explainAll = explainAll;
        this.usage = new QueueUsage(cluster.queues(), cluster.capacity(), cluster.running());
        this.preemptable = Stopping.preemptable(cluster);
        this.awaitedVictims = Stopping.victimsByPreemptor(cluster);
        this.free = cluster.free();
        this.turns = new QueueTurns(cluster.ready(), usage::share);
    }

    SchedulingPlan plan() {
        for (Priority priority : HIGHEST_FIRST) {
            if (scope.done()) {
                break;
            }
            // What fits in its queue's own quota first, then what would borrow: a queue borrows only what the
            // others' deployments of the same priority leave unused.
            List<String> borrowing = new ArrayList<>();
            takeTurns(queuesGoingOnAt(priority), priority, deployment -> {
                if (stoppedAt.containsKey(deployment.queue()) || usage.withinQuota(deployment)) {
                    consider(deployment);
                    return true;
                }
                borrowing.add(deployment.queue());
                return false;
            });
            takeTurns(borrowing, priority, deployment -> {
                consider(deployment);
                return true;
            });
        }
        if (explainAll) {
            explainTheDependent();
        }
        if (QueueQuota.overcommitted(cluster.queues().values(), cluster.capacity())) {
            reasons.replaceAll((id, reason) -> reason.onOvercommittedCluster());
        }
        return new SchedulingPlan(placements, preemptions, reasons, fewerReplicas);
    }

    /**
     * The queues take turns, the one with the lowest share now first: each turn hands the queue's next deployment
     * of the priority to {@code step}, which answers whether the queue goes on (false: it leaves this round, its
     * deployment still next).
     */
    private void takeTurns(Collection<String> queues, Priority priority, Predicate<QueuedDeployment> step) {
        turns.lineUp(queues);
        for (String queue = turns.take(); queue != null && !scope.done(); queue = turns.take()) {
            if (explainAll && !scope.isEveryone() && stoppedAt.containsKey(queue)) {
                explainTheRestOf(queue, priority);
                continue; // nothing of the priority is left in it
            }
            int preempted = preemptions.size();
            if (!step.test(turns.nextOf(queue))) {
                continue;
            }
            turns.advance(queue);
            if (preemptions.size() > preempted) { // the victims' queues' shares fell: their turns move up
                turns.reorder();
            }
            if (goesOn(queue, priority)) {
                turns.again(queue);
            }
        }
    }

    private List<String> queuesGoingOnAt(Priority priority) {
        return turns.queues().stream().filter(queue -> goesOn(queue, priority)).toList();
    }

    /** True when the queue has a deployment of the priority next, and has not stopped (unless explaining). */
    private boolean goesOn(String queue, Priority priority) {
        return turns.nextIsOf(queue, priority) && (explainAll || !stoppedAt.containsKey(queue));
    }

    private void consider(QueuedDeployment deployment) {
        position++;
        scope.cameTo(deployment.id()); // every way out of here starts it or gives it a reason
        QueuedDeployment ahead = stoppedAt.get(deployment.queue());
        if (ahead != null) {
            reasons.put(deployment.id(), waitingBehind(deployment, ahead));
            return;
        }
        List<UUID> awaited = awaitedVictims.get(deployment.id());
        if (awaited != null) { // the victims' capacity is its own once they stop; its queue waits behind it
            reasons.put(deployment.id(), PendingReason.waitingForPreemption(position, awaited));
            stoppedAt.put(deployment.queue(), deployment);
            return;
        }
        Optional<QueuedDeployment> starting = holder == null
                ? GangAdmission.admit(deployment, freeNow, quotaAllows, roomMaker)
                : Optional.empty();
        if (starting.isPresent()) {
            start(deployment, starting.get());
        } else {
            PendingReason reason = whyItWaits(deployment);
            reasons.put(deployment.id(), reason);
            if (neverStarts(deployment)) {
                return; // it must not hold up its queue, nor the cluster, for ever
            }
            stoppedAt.put(deployment.queue(), deployment);
            if (holder == null && reason.reason() != Reason.QUOTA_EXHAUSTED
                    && !deployment.submittedAt().plus(agingThreshold).isAfter(cluster.now())) {
                holder = deployment.id();
            }
        }
    }

    private boolean allowedByQuota(QueuedDeployment deployment) {
        return usage.beyondQuota(deployment).isZero();
    }

    /**
     * True for one that cannot start while the quotas and the cluster stay as they are, however much finishes: more
     * than the cluster has (it was made smaller), or more than its queue may ever use (a gang: its least).
     */
    private boolean neverStarts(QueuedDeployment deployment) {
        QueuedDeployment least = deployment.smallest();
        return !least.resources().fitsWithin(cluster.capacity()) || usage.neverAllows(least);
    }

    /** Why it waits, for what it needs at least (a gang: its {@code minReplicas}). */
    private PendingReason whyItWaits(QueuedDeployment asked) {
        QueuedDeployment deployment = asked.smallest();
        boolean fits = deployment.resources().fitsWithin(free);
        if (holder != null) {
            return fits ? PendingReason.heldBy(position, holder)
                    : PendingReason.shortOf(position, deployment.resources().shortfall(free));
        }
        Resources beyondQuota = usage.beyondQuota(deployment);
        if (!beyondQuota.isZero()) {
            return PendingReason.quotaExhausted(position, beyondQuota);
        }
        Resources takenByOthers = Resources.ZERO;
        for (Map.Entry<String, Resources> started : startedBy.entrySet()) {
            if (!Objects.equals(started.getKey(), deployment.queue())) {
                takenByOthers = takenByOthers.plus(started.getValue());
            }
        }
        if (lastToStart != null && !Objects.equals(lastToStart, deployment.queue())
                && deployment.resources().fitsWithin(free.plus(takenByOthers))) {
            return PendingReason.behindFairShare(position, lastToStart);
        }
        return PendingReason.shortOf(position, deployment.resources().shortfall(free));
    }

    /** Why one behind the deployment its queue stopped at waits: its own lack, or else its place in line. */
    private PendingReason waitingBehind(QueuedDeployment asked, QueuedDeployment ahead) {
        QueuedDeployment deployment = asked.smallest();
        Resources beyondQuota = usage.beyondQuota(deployment);
        if (!beyondQuota.isZero()) {
            return PendingReason.quotaExhausted(position, beyondQuota);
        }
        if (!deployment.resources().fitsWithin(free)) {
            return PendingReason.shortOf(position, deployment.resources().shortfall(free));
        }
        return PendingReason.behindInItsQueue(position, ahead.id(), deployment.queue());
    }

    /**
     * The rest of a stopped queue's deployments of the priority, for a question about some of them: each waits
     * behind the one its queue stopped at, which changes nothing, and its share stays the lowest in line, so the
     * whole walk would take them one after the other, each seeing the cluster as it is now. Those asked about get
     * their reasons here; the others are skipped rather than walked.
     */
    private void explainTheRestOf(String queue, Priority priority) {
        QueuedDeployment ahead = stoppedAt.get(queue);
        for (QueuedDeployment deployment : scope.awaitedIn(queue, priority)) {
            if (!cluster.unmetDependencies().containsKey(deployment.id())) { // those are in no queue's line
                reasons.put(deployment.id(), waitingBehind(deployment, ahead));
                scope.cameTo(deployment.id());
            }
        }
        turns.skipPast(queue, priority);
    }

    /** Those waiting for dependencies are in no queue's line; explaining gives them their reason after the rest. */
    private void explainTheDependent() {
        for (QueuedDeployment deployment : cluster.pending()) {
            if (scope.done()) {
                return;
            }
            Set<UUID> unmet = cluster.unmetDependencies().get(deployment.id());
            if (unmet != null) {
                scope.cameTo(deployment.id());
                reasons.put(deployment.id(), PendingReason.waitingFor(++position, unmet.stream().sorted().toList()));
            }
        }
    }

    /** Preempts to make room, if the cluster allows it: reclaim first, then lower priorities. */
    private boolean makeRoom(QueuedDeployment deployment) {
        if (!cluster.preemptionAllowed()) {
            return false;
        }
        List<RunningDeployment> ordered = preemptable.stream().sorted(RunningDeployment.VICTIM_ORDER).toList();
        if (usage.withinQuota(deployment)) {
            List<RunningDeployment> borrowers = ordered.stream()
                    .filter(running -> !Objects.equals(running.deployment().queue(), deployment.queue()))
                    .toList();
            Optional<List<RunningDeployment>> reclaimed = VictimSelection.among(deployment.resources(), free,
                    borrowers, this::stillBorrows, mostVictims);
            if (reclaimed.isPresent()) {
                preempt(deployment, reclaimed.get(), true);
                return true;
            }
        }
        List<RunningDeployment> lower = ordered.stream()
                .filter(running -> deployment.priority().outranks(running.deployment().priority()))
                .toList();
        Optional<List<RunningDeployment>> victims = VictimSelection.among(deployment.resources(), free, lower,
                (candidate, chosen) -> Objects.equals(candidate.deployment().queue(), deployment.queue())
                        || stillBorrows(candidate, chosen), mostVictims);
        victims.ifPresent(chosen -> preempt(deployment, chosen, false));
        return victims.isPresent();
    }

    /** True when the candidate's queue, without the victims already chosen, still uses more than its quota. */
    private boolean stillBorrows(RunningDeployment candidate, List<RunningDeployment> chosen) {
        String queue = candidate.deployment().queue();
        if (!usage.counts(queue)) {
            return false;
        }
        Resources used = usage.usage(queue);
        for (RunningDeployment victim : chosen) {
            if (queue.equals(victim.deployment().queue())) {
                used = used.minus(victim.deployment().resources());
            }
        }
        return !used.fitsWithin(usage.quota(queue).quota());
    }

    private void preempt(QueuedDeployment preemptor, List<RunningDeployment> victims, boolean reclaim) {
        for (RunningDeployment victim : victims) {
            free = free.plus(victim.deployment().resources());
            usage.remove(victim.deployment());
            preemptable.remove(victim);
        }
        preemptions.add(new Preemption(preemptor.id(),
                victims.stream().map(victim -> victim.deployment().id()).toList(), reclaim));
    }

    private void start(QueuedDeployment asked, QueuedDeployment deployment) {
        placements.add(deployment.id());
        if (deployment.replicas() < asked.replicas()) {
            fewerReplicas.put(deployment.id(), deployment.replicas());
        }
        free = free.minus(deployment.resources());
        usage.add(deployment);
        startedBy.merge(deployment.queue(), deployment.resources(), Resources::plus);
        lastToStart = deployment.queue();
    }
}
