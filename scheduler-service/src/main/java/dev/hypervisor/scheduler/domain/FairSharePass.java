package dev.hypervisor.scheduler.domain;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.resources.Resources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One pass of the policy over a cluster divided into queues.
 * <ul>
 *   <li>Priority first. Within a priority, the queue with the lowest share ({@link QueueUsage#share}) goes
 *       next, its oldest deployment first; shares move as deployments start, so queues take turns. What fits its
 *       queue's own quota goes before what would borrow, so a queue borrows only what others leave unused.</li>
 *   <li>A deployment starts when its queue's quota, with what it may borrow, allows it ({@link QueueUsage}) and it
 *       fits what is free. One its queue's quota does not allow waits, {@link PendingReason.Reason#QUOTA_EXHAUSTED},
 *       and holds nothing back for itself.</li>
 *   <li>When it fits its quota but not what is free, because other queues borrowed, its queue takes the lent
 *       capacity back: borrowers' deployments are preempted (lowest priority, then most recently started, and only
 *       while their queue still borrows), whatever their priority. Otherwise it may preempt strictly lower
 *       priorities of its own queue, or of queues that borrow. Either only where the cluster allows preemption.</li>
 *   <li>One that would have fit but for what queues with a lower share started first waits
 *       {@link PendingReason.Reason#WAITING_FOR_FAIR_SHARE}; dependencies and aging are as without queues.</li>
 * </ul>
 */
final class FairSharePass {

    private final QueueSnapshot cluster;
    private final Duration agingThreshold;
    private final int mostVictims;
    private final QueueUsage usage;
    private final List<RunningDeployment> preemptable;
    private final List<UUID> placements = new ArrayList<>();
    private final List<Preemption> preemptions = new ArrayList<>();
    private final Map<UUID, PendingReason> reasons = new HashMap<>();
    /** What each queue started in this pass, so a deployment can tell whether others took what it needed. */
    private final Map<String, Resources> startedBy = new HashMap<>();
    private Resources free;
    private String lastToStart;
    private UUID holder;
    private int position;

    FairSharePass(QueueSnapshot cluster, Duration agingThreshold, int mostVictims) {
        this.cluster = cluster;
        this.agingThreshold = agingThreshold;
        this.mostVictims = mostVictims;
        this.usage = new QueueUsage(cluster.queues(), cluster.capacity(), cluster.running());
        this.preemptable = new ArrayList<>(cluster.running());
        Resources allocated = Resources.ZERO;
        for (RunningDeployment running : cluster.running()) {
            allocated = allocated.plus(running.deployment().resources());
        }
        this.free = cluster.capacity().shortfall(allocated);
    }

    SchedulingPlan plan() {
        for (Map<String, List<QueuedDeployment>> byQueue : byPriorityAndQueue().values()) {
            // What fits in its queue's own quota first, then what would borrow: a queue borrows only what the
            // others' deployments of the same priority leave unused.
            Map<String, List<QueuedDeployment>> borrowing = new LinkedHashMap<>();
            byShare(byQueue, deployment -> {
                if (usage.withinQuota(deployment)) {
                    consider(deployment);
                } else {
                    borrowing.computeIfAbsent(deployment.queue(), queue -> new ArrayList<>()).add(deployment);
                }
            });
            byShare(borrowing, this::consider);
        }
        if (QueueQuota.overcommitted(cluster.queues().values(), cluster.capacity())) {
            reasons.replaceAll((id, reason) -> reason.onOvercommittedCluster());
        }
        return new SchedulingPlan(placements, preemptions, reasons);
    }

    /**
     * Hands the deployments on, each queue's in order, always from the queue with the lowest share now (by name
     * between equal shares), so that queues take turns as their shares move.
     */
    private void byShare(Map<String, List<QueuedDeployment>> byQueue, Consumer<QueuedDeployment> next) {
        Map<String, Iterator<QueuedDeployment>> remaining = new LinkedHashMap<>();
        byQueue.forEach((queue, deployments) -> remaining.put(queue, deployments.iterator()));
        while (!remaining.isEmpty()) {
            String queue = remaining.keySet().stream()
                    .min(Comparator.comparingDouble(usage::share)
                            .thenComparing(Comparator.nullsFirst(Comparator.<String>naturalOrder())))
                    .orElseThrow();
            Iterator<QueuedDeployment> deployments = remaining.get(queue);
            next.accept(deployments.next());
            if (!deployments.hasNext()) {
                remaining.remove(queue);
            }
        }
    }

    /** The pending deployments by priority (highest first), then by queue, each queue's oldest first. */
    private Map<Priority, Map<String, List<QueuedDeployment>>> byPriorityAndQueue() {
        Map<Priority, Map<String, List<QueuedDeployment>>> grouped = new LinkedHashMap<>();
        for (QueuedDeployment deployment : cluster.pending()) { // in queue order: priority, then age
            grouped.computeIfAbsent(deployment.priority(), priority -> new HashMap<>())
                    .computeIfAbsent(deployment.queue(), queue -> new ArrayList<>()).add(deployment);
        }
        return grouped;
    }

    private void consider(QueuedDeployment deployment) {
        position++;
        Set<UUID> unmet = cluster.unmetDependencies().getOrDefault(deployment.id(), Set.of());
        if (!unmet.isEmpty()) {
            reasons.put(deployment.id(), PendingReason.waitingFor(position, unmet.stream().sorted().toList()));
            return;
        }
        boolean fits = deployment.resources().fitsWithin(free);
        if (holder != null) {
            reasons.put(deployment.id(), fits ? PendingReason.heldBy(position, holder)
                    : PendingReason.shortOf(position, deployment.resources().shortfall(free)));
            return;
        }
        Resources beyondQuota = usage.beyondQuota(deployment);
        if (!beyondQuota.isZero()) {
            reasons.put(deployment.id(), PendingReason.quotaExhausted(position, beyondQuota));
            return;
        }
        if (fits || makeRoom(deployment)) {
            start(deployment);
            return;
        }
        Resources takenByOthers = Resources.ZERO;
        for (Map.Entry<String, Resources> started : startedBy.entrySet()) {
            if (!Objects.equals(started.getKey(), deployment.queue())) {
                takenByOthers = takenByOthers.plus(started.getValue());
            }
        }
        if (lastToStart != null && !Objects.equals(lastToStart, deployment.queue())
                && deployment.resources().fitsWithin(free.plus(takenByOthers))) {
            reasons.put(deployment.id(), PendingReason.behindFairShare(position, lastToStart));
        } else {
            reasons.put(deployment.id(), PendingReason.shortOf(position, deployment.resources().shortfall(free)));
        }
        if (!deployment.submittedAt().plus(agingThreshold).isAfter(cluster.now())) {
            holder = deployment.id();
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

    private void start(QueuedDeployment deployment) {
        placements.add(deployment.id());
        free = free.minus(deployment.resources());
        usage.add(deployment);
        startedBy.merge(deployment.queue(), deployment.resources(), Resources::plus);
        lastToStart = deployment.queue();
    }
}
