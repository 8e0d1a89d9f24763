package dev.hypervisor.scheduler.domain;

import dev.hypervisor.common.resources.Resources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One pass of the policy over a cluster without queues, in queue order; {@link SchedulingPolicy} says what it
 * decides. It costs one step per pending deployment (for a question, up to the last it asks about).
 */
final class PriorityPass {

    private final QueueSnapshot queue;
    private final Duration agingThreshold;
    private final int mostVictims;
    private final List<RunningDeployment> preemptable;
    private final List<UUID> placements = new ArrayList<>();
    private final Map<UUID, Integer> fewerReplicas = new HashMap<>();
    private final List<Preemption> preemptions = new ArrayList<>();
    private final Map<UUID, PendingReason> reasons = new HashMap<>();
    private final Map<UUID, List<UUID>> awaitedVictims;
    private Resources free;
    /** Made once, not for every deployment the pass looks at: a deep queue is looked at one by one. */
    private final Supplier<Resources> freeNow = () -> free;
    private final Predicate<QueuedDeployment> anyAllowed = deployment -> true;
    private final Predicate<QueuedDeployment> roomMaker = this::makeRoom;
    private final ExplanationScope scope;
    /** The aged deployment that holds the capacity: nothing behind it starts. */
    private UUID holder;
    private int position;

    /** A pass over every pending deployment. */
    PriorityPass(QueueSnapshot queue, Duration agingThreshold, int mostVictims) {
        this(queue, agingThreshold, mostVictims, ExplanationScope.everyone());
    }

    /** A pass that stops once it has come to every deployment of the scope. */
    PriorityPass(QueueSnapshot queue, Duration agingThreshold, int mostVictims, ExplanationScope scope) {
        this.scope = scope;
        this.queue = queue;
        this.agingThreshold = agingThreshold;
        this.mostVictims = mostVictims;
        this.awaitedVictims = Stopping.victimsByPreemptor(queue);
        this.preemptable = Stopping.preemptable(queue);
        this.free = queue.free();
    }

    SchedulingPlan plan() {
        for (QueuedDeployment deployment : queue.pending()) {
            if (scope.done()) {
                break;
            }
            consider(deployment);
            scope.cameTo(deployment.id());
        }
        return new SchedulingPlan(placements, preemptions, reasons, fewerReplicas);
    }

    private void consider(QueuedDeployment deployment) {
        position++;
        Set<UUID> unmet = queue.unmetDependencies().getOrDefault(deployment.id(), Set.of());
        if (!unmet.isEmpty()) {
            reasons.put(deployment.id(), PendingReason.waitingFor(position, unmet.stream().sorted().toList()));
            return;
        }
        List<UUID> awaited = awaitedVictims.get(deployment.id());
        if (awaited != null) { // its victims' capacity is its own once they stop: it neither preempts nor holds
            reasons.put(deployment.id(), PendingReason.waitingForPreemption(position, awaited));
            return;
        }
        Resources least = deployment.smallest().resources();
        if (holder != null) {
            reasons.put(deployment.id(), least.fitsWithin(free) ? PendingReason.heldBy(position, holder)
                    : PendingReason.shortOf(position, least.shortfall(free)));
            return;
        }
        Optional<QueuedDeployment> starting = GangAdmission.admit(deployment, freeNow, anyAllowed, roomMaker);
        if (starting.isPresent()) {
            start(deployment, starting.get());
            return;
        }
        reasons.put(deployment.id(), PendingReason.shortOf(position, least.shortfall(free)));
        if (!deployment.submittedAt().plus(agingThreshold).isAfter(queue.now())) {
            holder = deployment.id();
        }
    }

    /** Preempts lower priorities to make room for the deployment, if the cluster allows it. */
    private boolean makeRoom(QueuedDeployment deployment) {
        if (!queue.preemptionAllowed()) {
            return false;
        }
        Optional<List<RunningDeployment>> victims = VictimSelection.choose(deployment, free, preemptable,
                mostVictims);
        if (victims.isEmpty()) {
            return false;
        }
        for (RunningDeployment victim : victims.get()) {
            free = free.plus(victim.deployment().resources());
            preemptable.remove(victim);
        }
        preemptions.add(new Preemption(deployment.id(),
                victims.get().stream().map(victim -> victim.deployment().id()).toList()));
        return true;
    }

    private void start(QueuedDeployment asked, QueuedDeployment starting) {
        placements.add(starting.id());
        if (starting.replicas() < asked.replicas()) {
            fewerReplicas.put(starting.id(), starting.replicas());
        }
        free = free.minus(starting.resources());
    }
}
