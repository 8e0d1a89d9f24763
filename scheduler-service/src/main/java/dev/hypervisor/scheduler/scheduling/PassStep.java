package dev.hypervisor.scheduler.scheduling;

import dev.hypervisor.common.resources.Resources;
import dev.hypervisor.scheduler.client.LedgerBatches;
import dev.hypervisor.scheduler.client.LedgerChange;
import dev.hypervisor.scheduler.domain.ClusterQueue;
import dev.hypervisor.scheduler.domain.Preemption;
import dev.hypervisor.scheduler.domain.QueuedDeployment;
import dev.hypervisor.scheduler.domain.SchedulingPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One cluster's share of a scheduling pass: the placements it makes with the replicas each starts with, their
 * claims (a gang's is one claim for all its replicas, so it is never split), the victims of their preemptions (each
 * with its preemptor; those whose queue's lender reclaimed what they borrowed apart), and the releases of
 * deployments that ended and hold no claim again. On a cluster with a grace period, the victims of a preemption are instead asked to stop
 * ({@code askedToStop}, each with its preemptor): they keep their claims, and the preemptor waits for them.
 */
record PassStep(UUID clusterId, List<UUID> placements, Map<UUID, Integer> replicas, Map<UUID, Resources> claims,
                Map<UUID, UUID> preemptorOfVictim, Set<UUID> reclaimed, List<UUID> releases,
                Map<UUID, UUID> askedToStop) {

    PassStep {
        placements = List.copyOf(placements);
        replicas = Map.copyOf(replicas);
        claims = new LinkedHashMap<>(claims);
        preemptorOfVictim = new LinkedHashMap<>(preemptorOfVictim);
        reclaimed = Set.copyOf(reclaimed);
        releases = List.copyOf(releases);
        askedToStop = new LinkedHashMap<>(askedToStop);
    }

    /**
     * The first of the plan's placements that fit the pass's room: at most {@code claimRoom} claims and at most
     * {@link LedgerBatches#MAX_RELEASES} victims in all. Always a prefix, since a prefix of a plan is itself a
     * plan: the policy decides in queue order, so a placement only uses what those before it left free or made
     * free by preemption. The rest is for the cluster's next pass. A graceful preemption ends the prefix: its
     * victims are asked to stop, and what the plan placed after it counted on their capacity, which stays held.
     */
    static PassStep of(ClusterQueue queue, SchedulingPlan plan, List<UUID> releases, int claimRoom) {
        Map<UUID, Preemption> preemptionOf = new HashMap<>();
        for (Preemption preemption : plan.preemptions()) {
            preemptionOf.put(preemption.preemptor(), preemption);
        }
        Set<UUID> reclaimed = new HashSet<>();
        List<UUID> placements = new ArrayList<>();
        Map<UUID, Integer> replicas = new HashMap<>();
        Map<UUID, Resources> claims = new LinkedHashMap<>();
        Map<UUID, UUID> preemptorOfVictim = new LinkedHashMap<>();
        Map<UUID, UUID> askedToStop = new LinkedHashMap<>();
        boolean graceful = !queue.preemptionGracePeriod().isZero();
        for (UUID placement : plan.placements()) {
            Preemption preemption = preemptionOf.get(placement);
            List<UUID> victims = preemption == null ? List.of() : preemption.victims();
            if (graceful && preemption != null) {
                victims.forEach(victim -> askedToStop.put(victim, placement));
                if (preemption.reclaim()) {
                    reclaimed.addAll(victims);
                }
                break;
            }
            if (placements.size() == claimRoom
                    || preemptorOfVictim.size() + victims.size() > LedgerBatches.MAX_RELEASES) {
                break;
            }
            placements.add(placement);
            QueuedDeployment starting = plan.asStarted(queue.pending(placement).orElseThrow());
            replicas.put(placement, starting.replicas());
            claims.put(placement, starting.resources());
            victims.forEach(victim -> preemptorOfVictim.put(victim, placement));
            if (preemption != null && preemption.reclaim()) {
                reclaimed.addAll(victims);
            }
        }
        return new PassStep(queue.clusterId(), placements, replicas, claims, preemptorOfVictim, reclaimed,
                stillOwed(queue, releases, placements), askedToStop);
    }

    /**
     * The releases that still free a claim. A deployment's release is owed once its ending change has committed,
     * and a pass may run in between that places it again (a retried or lost deployment goes back to the queue in
     * that same change): its claim then belongs to the new placement, which replaced the old one in the ledger,
     * and releasing it would leave a running deployment unaccounted for. The same holds for a deployment this
     * step places, whose claim replaces the old one.
     */
    private static List<UUID> stillOwed(ClusterQueue queue, List<UUID> releases, List<UUID> placements) {
        if (releases.isEmpty()) {
            return releases;
        }
        Set<UUID> placing = new HashSet<>(placements);
        return releases.stream().filter(id -> !placing.contains(id) && !queue.isRunning(id)).toList();
    }

    /**
     * What the step asks of the ledger: usually one change. The victims' releases always go with the claims, all
     * or nothing: a victim released without its preemptor placed would still run, unaccounted for. The releases
     * of deployments that ended only give capacity back, so when they and the victims are more than one batch
     * takes, they go first on their own.
     */
    List<LedgerChange> ledgerChanges() {
        List<UUID> released = new ArrayList<>(preemptorOfVictim.keySet());
        if (claims.isEmpty() && released.isEmpty() && releases.isEmpty()) {
            return List.of(); // it only asks victims to stop
        }
        if (released.size() + releases.size() <= LedgerBatches.MAX_RELEASES) {
            released.addAll(releases);
            return List.of(new LedgerChange(clusterId, claims, released));
        }
        return List.of(new LedgerChange(clusterId, Map.of(), releases), new LedgerChange(clusterId, claims, released));
    }
}
