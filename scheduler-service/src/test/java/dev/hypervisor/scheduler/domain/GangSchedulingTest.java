package dev.hypervisor.scheduler.domain;

import static dev.hypervisor.common.deployment.Priority.HIGH;
import static dev.hypervisor.common.deployment.Priority.LOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.resources.Resources;
import dev.hypervisor.scheduler.domain.PendingReason.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Gangs: replicas that start together, fit and are preempted as one, and may start with fewer when allowed. */
class GangSchedulingTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration AGING = Duration.ofMinutes(10);
    private static final Resources ONE_GPU = new Resources(1000, 4L << 30, 1);

    private final SchedulingPolicy policy = new SchedulingPolicy(AGING, 8);
    private int sequence;

    @Test
    void aGangThatDoesNotFitWaitsWholeAndStartsWholeWhenRoomFrees() {
        ClusterQueue cluster = cluster(4, true);
        QueuedDeployment running = enqueue(cluster, gang(LOW, 1, 1, T0));
        apply(cluster, T0);
        QueuedDeployment trainer = enqueue(cluster, gang(LOW, 4, 4, T0.plusSeconds(1)));

        SchedulingPlan plan = apply(cluster, T0.plusSeconds(2));

        assertThat(plan.placements()).isEmpty();
        PendingReason reason = plan.reasons().get(trainer.id());
        assertThat(reason.reason()).isEqualTo(Reason.INSUFFICIENT_CAPACITY);
        assertThat(reason.shortBy().gpu()).isEqualTo(1); // all 4 replicas, with 3 GPUs free
        assertThat(cluster.allocated().gpu()).isEqualTo(1); // none of its replicas started alone

        cluster.complete(running.id());
        plan = apply(cluster, T0.plusSeconds(3));

        assertThat(plan.placements()).containsExactly(trainer.id());
        assertThat(plan.fewerReplicas()).isEmpty();
        assertThat(cluster.allocated()).isEqualTo(ONE_GPU.times(4));
    }

    @Test
    void aGangThatMayStartWithFewerTakesAsManyAsFitAndAsksForAllWhenPreempted() {
        ClusterQueue cluster = cluster(5, true);
        QueuedDeployment other = enqueue(cluster, gang(LOW, 2, 2, T0));
        apply(cluster, T0);
        QueuedDeployment elastic = enqueue(cluster, gang(LOW, 6, 2, T0.plusSeconds(1)));

        SchedulingPlan plan = apply(cluster, T0.plusSeconds(2));

        assertThat(plan.placements()).containsExactly(elastic.id());
        assertThat(plan.fewerReplicas()).isEqualTo(Map.of(elastic.id(), 3));
        assertThat(cluster.allocated().gpu()).isEqualTo(5);

        QueuedDeployment urgent = enqueue(cluster, gang(HIGH, 5, 5, T0.plusSeconds(3)));
        plan = apply(cluster, T0.plusSeconds(4));

        assertThat(plan.placements()).containsExactly(urgent.id());
        assertThat(cluster.pending(elastic.id()).orElseThrow().replicas()).isEqualTo(6);
        assertThat(cluster.pending(elastic.id()).orElseThrow().resources()).isEqualTo(ONE_GPU.times(6));
    }

    @Test
    void aGangTooSmallEvenAtItsLeastWaitsAndSaysWhatItsLeastLacks() {
        ClusterQueue cluster = cluster(4, false);
        enqueue(cluster, gang(LOW, 3, 3, T0));
        apply(cluster, T0);
        QueuedDeployment elastic = enqueue(cluster, gang(LOW, 8, 2, T0.plusSeconds(1)));

        SchedulingPlan plan = apply(cluster, T0.plusSeconds(2));

        assertThat(plan.placements()).isEmpty();
        assertThat(plan.reasons().get(elastic.id()).shortBy().gpu()).isEqualTo(1);
    }

    @Test
    void preemptionForAGangTakesTheFewestVictimsThatMakeRoomForAllOfIt() {
        ClusterQueue cluster = cluster(8, true);
        QueuedDeployment lowGang = enqueue(cluster, gang(LOW, 4, 4, T0));
        apply(cluster, T0);
        List<QueuedDeployment> singles = List.of(gang(LOW, 1, 1, T0.plusSeconds(1)),
                gang(LOW, 1, 1, T0.plusSeconds(1)), gang(LOW, 1, 1, T0.plusSeconds(1)),
                gang(LOW, 1, 1, T0.plusSeconds(1)));
        singles.forEach(single -> cluster.enqueue(single, List.of()));
        apply(cluster, T0.plusSeconds(2)); // the singles started last: first in the victims' order
        QueuedDeployment urgent = enqueue(cluster, gang(HIGH, 4, 4, T0.plusSeconds(3)));

        SchedulingPlan plan = apply(cluster, T0.plusSeconds(4));

        assertThat(plan.placements()).containsExactly(urgent.id());
        assertThat(plan.preemptions()).singleElement()
                .satisfies(preemption -> assertThat(preemption.victims()).containsExactly(lowGang.id()));
        assertThat(singles).allSatisfy(single -> assertThat(cluster.isRunning(single.id())).isTrue());
    }

    @Test
    void aPreemptedGangLeavesWholeAndNoReplicaOfItKeepsRunning() {
        ClusterQueue cluster = cluster(4, true);
        QueuedDeployment lowGang = enqueue(cluster, gang(LOW, 3, 3, T0));
        apply(cluster, T0);
        QueuedDeployment urgent = enqueue(cluster, gang(HIGH, 2, 2, T0.plusSeconds(1)));

        SchedulingPlan plan = apply(cluster, T0.plusSeconds(2));

        assertThat(plan.preemptions()).singleElement()
                .satisfies(preemption -> assertThat(preemption.victims()).containsExactly(lowGang.id()));
        assertThat(cluster.allocated()).isEqualTo(ONE_GPU.times(2)); // one GPU stays free: the gang left whole
        assertThat(cluster.pending(lowGang.id()).orElseThrow().replicas()).isEqualTo(3);
        assertThat(apply(cluster, T0.plusSeconds(3)).reasons().get(lowGang.id()).shortBy().gpu()).isEqualTo(1);
    }

    @Test
    void anAgedGangHoldsCapacitySoAStreamOfSmallDeploymentsDoesNotStarveIt() {
        ClusterQueue cluster = cluster(8, false);
        QueuedDeployment first = enqueue(cluster, gang(LOW, 4, 4, T0));
        apply(cluster, T0);
        QueuedDeployment big = enqueue(cluster, gang(LOW, 8, 8, T0.plusSeconds(1)));
        Instant now = T0.plusSeconds(1);
        // Before the aging threshold, the small ones behind it backfill.
        QueuedDeployment early = enqueue(cluster, gang(LOW, 1, 1, now));
        assertThat(apply(cluster, now.plusSeconds(1)).placements()).containsExactly(early.id());

        now = T0.plus(AGING).plusSeconds(5);
        cluster.complete(early.id());
        QueuedDeployment late = enqueue(cluster, gang(LOW, 1, 1, now));
        SchedulingPlan plan = apply(cluster, now);

        assertThat(plan.placements()).isEmpty();
        assertThat(plan.reasons().get(late.id()).reason()).isEqualTo(Reason.QUEUED_BEHIND_HIGHER_PRIORITY);
        assertThat(plan.reasons().get(late.id()).heldBy()).isEqualTo(big.id());

        cluster.complete(first.id());
        assertThat(apply(cluster, now.plusSeconds(1)).placements()).containsExactly(big.id());
    }

    @Test
    void inAQueueAGangStartsWithFewerOnlyAsFarAsItsQuotaAllows() {
        QueueQuota team = new QueueQuota("vision", ONE_GPU.times(3), Resources.ZERO, null, 1);
        QueueQuota other = QueueQuota.of("speech", ONE_GPU.times(5));
        ClusterQueue cluster = new ClusterQueue(UUID.randomUUID(), ONE_GPU.times(8), true,
                Map.of("vision", team, "speech", other));
        QueuedDeployment elastic = enqueue(cluster, inQueue(gang(LOW, 6, 2, T0), "vision"));
        QueuedDeployment whole = enqueue(cluster, inQueue(gang(LOW, 4, 4, T0.plusSeconds(1)), "vision"));

        SchedulingPlan plan = apply(cluster, T0.plusSeconds(2));

        assertThat(plan.placements()).containsExactly(elastic.id());
        assertThat(plan.fewerReplicas()).isEqualTo(Map.of(elastic.id(), 3)); // its quota, it may not borrow
        assertThat(plan.reasons().get(whole.id()).reason()).isEqualTo(Reason.QUOTA_EXHAUSTED);
    }

    @Test
    void aGangsClaimIsAllItsReplicasOrTheFewerItStartsWith() {
        QueuedDeployment elastic = QueuedDeployment.gang(UUID.randomUUID(), LOW, T0, ONE_GPU, null, 8, 2);

        assertThat(elastic.resources()).isEqualTo(new Resources(8000, 32L << 30, 8));
        assertThat(elastic.perReplica()).isEqualTo(ONE_GPU);
        assertThat(elastic.smallest().resources()).isEqualTo(ONE_GPU.times(2));
        assertThat(elastic.replicasWithin(new Resources(100_000, 13L << 30, 100))).isEqualTo(3); // memory bounds it
        assertThat(elastic.withReplicas(3).withReplicas(8)).isEqualTo(elastic);
    }

    private static QueuedDeployment enqueue(ClusterQueue cluster, QueuedDeployment deployment) {
        cluster.enqueue(deployment, List.of());
        return deployment;
    }

    private ClusterQueue cluster(int gpus, boolean preemption) {
        return new ClusterQueue(UUID.randomUUID(), ONE_GPU.times(gpus), preemption);
    }

    private QueuedDeployment gang(Priority priority, int replicas, int minReplicas, Instant at) {
        return QueuedDeployment.gang(new UUID(7, ++sequence), priority, at, ONE_GPU, null, replicas, minReplicas);
    }

    private static QueuedDeployment inQueue(QueuedDeployment deployment, String queue) {
        return QueuedDeployment.gang(deployment.id(), deployment.priority(), deployment.submittedAt(),
                deployment.perReplica(), queue, deployment.replicas(), deployment.minReplicas());
    }

    /** Plans and applies the plan as the scheduler does once the ledger agreed: gangs with the replicas it gave. */
    private SchedulingPlan apply(ClusterQueue cluster, Instant now) {
        SchedulingPlan plan = cluster.plan(policy, now);
        plan.preemptions().forEach(preemption -> preemption.victims().forEach(cluster::requeue));
        plan.placements().forEach(id -> cluster.start(id,
                plan.asStarted(cluster.pending(id).orElseThrow()).replicas(), now));
        return plan;
    }
}
