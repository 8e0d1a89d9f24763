package dev.hypervisor.scheduler.service;

import dev.hypervisor.scheduler.client.ClusterServiceClient;
import dev.hypervisor.scheduler.client.LedgerAnswer;
import dev.hypervisor.scheduler.client.LedgerChange;
import dev.hypervisor.scheduler.domain.ClusterQueue;
import dev.hypervisor.scheduler.domain.SchedulingPlan;
import dev.hypervisor.scheduler.domain.SchedulingPolicy;
import dev.hypervisor.scheduler.metrics.SchedulerMetrics;
import dev.hypervisor.scheduler.persistence.DeploymentRecord;
import dev.hypervisor.scheduler.persistence.DeploymentRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One scheduling pass over one or many clusters, in one change of them all ({@link ClusterQueues#scheduleAll}):
 * plan each cluster with the policy, claim the placements and release the victims and the ended deployments in
 * the ledger (as few batches as its limits allow, the deployment ids as claim ids), then record RUNNING, the
 * preemptions and their events. One ledger call and one transaction for many clusters cost little more than for
 * one, which is what lets placements keep up with a busy stream of requests across many clusters.
 *
 * <p>The ledger is written before the database: if the scheduler stops in between, the claims of deployments
 * that are not running are released when the queue is rebuilt ({@link ClusterQueues}), and a retried claim is
 * idempotent, so nothing is placed twice or leaks.
 */
@ApplicationScoped
public class SchedulingPass {

    private final ClusterQueues queues;
    private final DeploymentRepository deployments;
    private final DeploymentEvents events;
    private final ClusterServiceClient ledger;
    private final SchedulerMetrics metrics;
    private final SchedulingPolicy policy;
    private final Clock clock;

    public SchedulingPass(ClusterQueues queues, DeploymentRepository deployments, DeploymentEvents events,
                          ClusterServiceClient ledger, SchedulerMetrics metrics, Clock clock,
                          @ConfigProperty(name = "hv.scheduler.aging-threshold", defaultValue = "5m")
                          Duration agingThreshold) {
        this.queues = queues;
        this.deployments = deployments;
        this.events = events;
        this.ledger = ledger;
        this.metrics = metrics;
        this.clock = clock;
        this.policy = new SchedulingPolicy(agingThreshold, LedgerBatches.MAX_RELEASES);
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
     * go with it. If it throws, nothing of it is recorded and the clusters' queues are rebuilt on next use, which
     * releases every claim of a deployment that does not run, these releases included.
     */
    public Outcome run(Collection<UUID> clusterIds, Map<UUID, List<UUID>> releases) {
        return queues.scheduleAll(clusterIds, byCluster -> apply(byCluster, releases));
    }

    private Outcome apply(Map<UUID, ClusterQueue> byCluster, Map<UUID, List<UUID>> releases) {
        Instant now = clock.instant();
        List<PassStep> steps = new ArrayList<>();
        Set<UUID> unfinished = new HashSet<>();
        int room = LedgerBatches.MAX_CLAIMS;
        for (ClusterQueue queue : byCluster.values()) {
            List<UUID> released = releases.getOrDefault(queue.clusterId(), List.of());
            SchedulingPlan plan = queue.plan(policy, now);
            if (plan.changesNothing() && released.isEmpty()) {
                continue;
            }
            PassStep step = PassStep.of(queue, plan, released, room);
            room -= step.placements().size();
            if (step.placements().size() < plan.placements().size()) {
                unfinished.add(queue.clusterId());
            }
            if (!step.placements().isEmpty() || !released.isEmpty()) {
                steps.add(step);
            }
        }
        Set<UUID> refused = claimInLedger(steps);
        // Dropped while their locks are still held, so that no pass waiting for them plans on what is out of date.
        refused.forEach(queues::forget);
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
        List<LedgerChange> changes = new ArrayList<>();
        steps.forEach(step -> changes.addAll(step.ledgerChanges()));
        Set<UUID> refused = new HashSet<>();
        for (List<LedgerChange> batch : LedgerBatches.cut(changes)) {
            if (ledger.allocate(batch) == LedgerAnswer.APPLIED) {
                continue;
            }
            for (LedgerChange change : batch) {
                if (batch.size() == 1 || ledger.allocate(List.of(change)) != LedgerAnswer.APPLIED) {
                    refused.add(change.clusterId());
                }
            }
        }
        return refused;
    }

    /** What the ledger applied, recorded in the database and the queues: preemptions first, then placements. */
    private void record(List<PassStep> steps, Map<UUID, ClusterQueue> byCluster, Instant now) {
        Map<UUID, UUID> preemptorOfVictim = new HashMap<>();
        List<UUID> placements = new ArrayList<>();
        steps.forEach(step -> {
            preemptorOfVictim.putAll(step.preemptorOfVictim());
            placements.addAll(step.placements());
        });
        if (!preemptorOfVictim.isEmpty()) {
            List<DeploymentRecord> preempted = deployments.findAll(preemptorOfVictim.keySet());
            deployments.markPreempted(preemptorOfVictim.keySet());
            preempted.forEach(victim -> {
                events.preempted(victim, preemptorOfVictim.get(victim.id()));
                byCluster.get(victim.clusterId()).requeue(victim.id());
            });
            metrics.preempted(preempted.size());
        }
        if (placements.isEmpty()) {
            return;
        }
        List<DeploymentRecord> placed = deployments.markRunning(placements, now);
        if (placed.size() != placements.size()) {
            throw new IllegalStateException("a placed deployment was no longer pending; the pass is undone");
        }
        events.placed(placed, now);
        placed.forEach(deployment -> {
            byCluster.get(deployment.clusterId()).start(deployment.id(), now);
            metrics.placed(deployment, now);
        });
    }
}
