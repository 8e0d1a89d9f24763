package dev.hypervisor.scheduler.scheduling;

import dev.hypervisor.common.event.DeploymentPreempted;
import dev.hypervisor.scheduler.client.ClusterServiceClient;
import dev.hypervisor.scheduler.client.LedgerAnswer;
import dev.hypervisor.scheduler.client.LedgerBatches;
import dev.hypervisor.scheduler.client.LedgerChange;
import dev.hypervisor.scheduler.config.SchedulerConfig;
import dev.hypervisor.scheduler.domain.ClusterQueue;
import dev.hypervisor.scheduler.domain.Deployment;
import dev.hypervisor.scheduler.domain.SchedulingPlan;
import dev.hypervisor.scheduler.domain.SchedulingPolicy;
import dev.hypervisor.scheduler.messaging.DeploymentEvents;
import dev.hypervisor.scheduler.metrics.SchedulerMetrics;
import dev.hypervisor.scheduler.persistence.DeploymentRepository;
import dev.hypervisor.scheduler.queue.ClusterChange;
import dev.hypervisor.scheduler.queue.ClusterChanges;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One scheduling pass over one or many clusters, in one change of them all: plan each cluster with the policy,
 * claim the placements and release the victims and the ended deployments in the ledger (as few batches as its
 * limits allow, the deployment ids as claim ids), then record RUNNING, the preemptions and their events. One
 * ledger call and one transaction for many clusters cost little more than for one, which is what lets placements
 * keep up with a busy stream of requests across many clusters.
 *
 * <p>The ledger is written before the database: if the scheduler stops in between, the claims of deployments
 * that are not running are released when the queue is built again (a pass's change reconciles them), and a
 * retried claim is idempotent, so nothing is placed twice or leaks.
 */
@ApplicationScoped
public class SchedulingPass {

    private final ClusterChanges changes;
    private final DeploymentRepository deployments;
    private final DeploymentEvents events;
    private final ClusterServiceClient ledger;
    private final SchedulerMetrics metrics;
    private final SchedulingPolicy policy;
    private final Clock clock;

    public SchedulingPass(ClusterChanges changes, DeploymentRepository deployments, DeploymentEvents events,
                          ClusterServiceClient ledger, SchedulerMetrics metrics, Clock clock, SchedulerConfig config) {
        this.changes = changes;
        this.deployments = deployments;
        this.events = events;
        this.ledger = ledger;
        this.metrics = metrics;
        this.clock = clock;
        this.policy = new SchedulingPolicy(config.agingThreshold(), LedgerBatches.MAX_RELEASES);
    }

    public SchedulingPolicy policy() {
        return policy;
    }

    /**
     * What a pass did apart from placing: the clusters whose share the ledger refused (resized or deleted: their
     * queues were out of date, so they are dropped, and nothing of theirs was placed or preempted; at most the
     * releases of ended deployments were applied), and those with more to place than fit in it.
     */
    public record Outcome(Set<UUID> refused, Set<UUID> unfinished) {
    }

    /**
     * Runs a pass over the clusters; {@code releases} names, per cluster, deployments that ended and whose claims
     * go with it. If it throws, nothing of it is recorded and the clusters' queues are built again on next use,
     * which releases every claim of a deployment that does not run, these releases included.
     */
    public Outcome run(Collection<UUID> clusterIds, Map<UUID, List<UUID>> releases) {
        try (ClusterChange change = changes.openForPass(clusterIds)) {
            Outcome outcome = apply(change, releases);
            change.commit();
            return outcome;
        }
    }

    private Outcome apply(ClusterChange change, Map<UUID, List<UUID>> releases) {
        Instant now = clock.instant();
        List<PassStep> steps = new ArrayList<>();
        Set<UUID> unfinished = new HashSet<>();
        Map<UUID, ClusterQueue> byCluster = new HashMap<>();
        int room = LedgerBatches.MAX_CLAIMS;
        for (UUID clusterId : change.clusterIds()) {
            ClusterQueue queue = change.queue(clusterId);
            byCluster.put(clusterId, queue);
            List<UUID> released = releases.getOrDefault(clusterId, List.of());
            SchedulingPlan plan = queue.plan(policy, now);
            if (plan.changesNothing() && released.isEmpty()) {
                continue;
            }
            PassStep step = PassStep.of(queue, plan, released, room);
            room -= step.placements().size();
            if (step.placements().size() < plan.placements().size()) {
                unfinished.add(clusterId);
            }
            if (!step.placements().isEmpty() || !step.releases().isEmpty() || !step.askedToStop().isEmpty()) {
                steps.add(step);
            }
        }
        Set<UUID> refused = claimInLedger(steps);
        refused.forEach(change::dropQueue);
        steps.removeIf(step -> refused.contains(step.clusterId()));
        record(steps, byCluster, now);
        return new Outcome(refused, unfinished);
    }

    /**
     * Claims and releases in the ledger, several clusters to a batch within its limits; answers the clusters it
     * refused. A batch is all or nothing, so when one is refused its clusters are asked again one by one: one
     * resized or deleted cluster must not hold up the others.
     */
    private Set<UUID> claimInLedger(List<PassStep> steps) {
        List<LedgerChange> ledgerChanges = new ArrayList<>();
        steps.forEach(step -> ledgerChanges.addAll(step.ledgerChanges()));
        Set<UUID> refused = new HashSet<>();
        for (List<LedgerChange> batch : LedgerBatches.cut(ledgerChanges)) {
            if (ledger.allocate(batch) == LedgerAnswer.APPLIED) {
                continue;
            }
            for (LedgerChange ledgerChange : batch) {
                if (batch.size() == 1 || ledger.allocate(List.of(ledgerChange)) != LedgerAnswer.APPLIED) {
                    refused.add(ledgerChange.clusterId());
                }
            }
        }
        return refused;
    }

    /** What the ledger applied, recorded in the database and the queues: preemptions first, then placements. */
    private void record(List<PassStep> steps, Map<UUID, ClusterQueue> byCluster, Instant now) {
        Map<UUID, UUID> preemptorOfVictim = new HashMap<>();
        Set<UUID> reclaimed = new HashSet<>();
        Map<UUID, Integer> placements = new LinkedHashMap<>();
        steps.forEach(step -> {
            preemptorOfVictim.putAll(step.preemptorOfVictim());
            reclaimed.addAll(step.reclaimed());
            step.placements().forEach(placement -> placements.put(placement, step.replicas().get(placement)));
        });
        if (!preemptorOfVictim.isEmpty()) {
            List<Deployment> preempted = deployments.findAll(preemptorOfVictim.keySet());
            deployments.markPreempted(preemptorOfVictim.keySet());
            preempted.forEach(victim -> {
                events.preempted(victim, preemptorOfVictim.get(victim.id()), reclaimed.contains(victim.id()));
                byCluster.get(victim.clusterId()).requeue(victim.id());
            });
            metrics.preempted(preempted.size());
        }
        steps.stream().filter(step -> !step.askedToStop().isEmpty())
                .forEach(step -> askToStop(step, byCluster.get(step.clusterId()), now));
        if (placements.isEmpty()) {
            return;
        }
        List<Deployment> placed = deployments.markRunning(placements, now);
        if (placed.size() != placements.size()) {
            throw new IllegalStateException("a placed deployment was no longer pending; the pass is undone");
        }
        events.placed(placed, now);
        placed.forEach(deployment -> {
            byCluster.get(deployment.clusterId()).start(deployment.id(), deployment.replicasRunning(), now);
            metrics.placed(deployment, now);
        });
    }

    /**
     * The step's graceful preemptions: the victims are PREEMPTING until they stop or the cluster's grace period
     * ends, keeping their claims meanwhile; {@code DeploymentPreempting} asks their executors to stop them.
     */
    private void askToStop(PassStep step, ClusterQueue queue, Instant now) {
        Instant stopBy = now.plus(queue.preemptionGracePeriod());
        Map<UUID, String> reasons = new HashMap<>();
        step.askedToStop().keySet().forEach(victim -> reasons.put(victim, step.reclaimed().contains(victim)
                ? DeploymentPreempted.RECLAIMED : DeploymentPreempted.PREEMPTED));
        for (UUID victim : deployments.markPreempting(step.askedToStop(), reasons, stopBy)) {
            UUID preemptor = step.askedToStop().get(victim);
            events.preempting(victim, step.clusterId(), preemptor, stopBy, reasons.get(victim));
            queue.stopping(victim, preemptor);
        }
    }
}
