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

/**
 * Victims asked to stop (graceful preemption): they hold their capacity, nobody preempts them again, their
 * preemptor waits for them and starts once they stopped.
 */
class GracefulPreemptionPolicyTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Resources TWO_GPUS = new Resources(2000, 8L << 30, 2);

    private final SchedulingPolicy policy = new SchedulingPolicy(Duration.ofMinutes(10), 8);
    private int sequence;

    @Test
    void aPreemptorWaitsForItsStoppingVictimWhichNobodyElseTakesAndStartsOnceItStopped() {
        ClusterQueue cluster = new ClusterQueue(UUID.randomUUID(), TWO_GPUS.times(2), true, Map.of(),
                Duration.ofMinutes(1));
        QueuedDeployment older = running(cluster, T0);
        QueuedDeployment newer = running(cluster, T0.plusSeconds(1));
        QueuedDeployment urgent = enqueue(cluster, HIGH, T0.plusSeconds(2));

        SchedulingPlan plan = cluster.plan(policy, T0.plusSeconds(3));
        assertThat(plan.preemptions()).singleElement()
                .satisfies(preemption -> assertThat(preemption.victims()).containsExactly(newer.id()));
        cluster.stopping(newer.id(), urgent.id()); // as the scheduler records a graceful preemption

        plan = cluster.plan(policy, T0.plusSeconds(4));
        assertThat(plan.changesNothing()).isTrue();
        PendingReason reason = plan.reasons().get(urgent.id());
        assertThat(reason.reason()).isEqualTo(Reason.WAITING_FOR_PREEMPTION);
        assertThat(reason.waitingFor()).containsExactly(newer.id());
        assertThat(cluster.allocated()).isEqualTo(TWO_GPUS.times(2)); // the victim still holds its GPUs

        QueuedDeployment second = enqueue(cluster, HIGH, T0.plusSeconds(5));
        plan = cluster.plan(policy, T0.plusSeconds(6));
        assertThat(plan.preemptions()).as("the stopping victim is nobody's victim again").singleElement()
                .satisfies(preemption -> {
                    assertThat(preemption.preemptor()).isEqualTo(second.id());
                    assertThat(preemption.victims()).containsExactly(older.id());
                });
        cluster.stopping(older.id(), second.id());

        cluster.requeue(newer.id()); // it stopped
        plan = cluster.plan(policy, T0.plusSeconds(7));
        assertThat(plan.placements()).containsExactly(urgent.id());
        assertThat(plan.preemptions()).isEmpty();
        assertThat(plan.reasons().get(second.id()).reason()).isEqualTo(Reason.WAITING_FOR_PREEMPTION);
    }

    @Test
    void inAQueueThePreemptorsQueueWaitsBehindIt() {
        QueueQuota vision = QueueQuota.of("vision", TWO_GPUS);
        QueueQuota speech = QueueQuota.of("speech", TWO_GPUS);
        // room for a small deployment besides the GPUs, which the borrower holds all of
        ClusterQueue cluster = new ClusterQueue(UUID.randomUUID(), TWO_GPUS.times(2).plus(new Resources(1000,
                4L << 30, 0)), true, Map.of("vision", vision, "speech", speech), Duration.ofMinutes(1));
        QueuedDeployment borrower = enqueue(cluster, new QueuedDeployment(new UUID(3, ++sequence), LOW, T0,
                TWO_GPUS.times(2), "speech"));
        cluster.start(borrower.id(), T0);
        QueuedDeployment reclaiming = enqueue(cluster, new QueuedDeployment(new UUID(3, ++sequence), LOW,
                T0.plusSeconds(1), TWO_GPUS, "vision"));
        QueuedDeployment behind = enqueue(cluster, new QueuedDeployment(new UUID(3, ++sequence), LOW,
                T0.plusSeconds(2), new Resources(100, 1L << 30, 0), "vision"));
        SchedulingPlan plan = cluster.plan(policy, T0.plusSeconds(3));
        assertThat(plan.preemptions()).singleElement().satisfies(preemption -> assertThat(preemption.reclaim())
                .isTrue());
        cluster.stopping(borrower.id(), reclaiming.id());

        Map<UUID, PendingReason> reasons = cluster.explain(policy, T0.plusSeconds(4));

        assertThat(reasons.get(reclaiming.id()).reason()).isEqualTo(Reason.WAITING_FOR_PREEMPTION);
        assertThat(reasons.get(behind.id()).reason()).isEqualTo(Reason.QUEUED_BEHIND_HIGHER_PRIORITY);
        assertThat(reasons.get(behind.id()).heldBy()).isEqualTo(reclaiming.id());
    }

    private QueuedDeployment running(ClusterQueue cluster, Instant at) {
        QueuedDeployment deployment = enqueue(cluster, LOW, at);
        cluster.start(deployment.id(), at);
        return deployment;
    }

    private QueuedDeployment enqueue(ClusterQueue cluster, Priority priority, Instant at) {
        return enqueue(cluster, new QueuedDeployment(new UUID(3, ++sequence), priority, at, TWO_GPUS));
    }

    private static QueuedDeployment enqueue(ClusterQueue cluster, QueuedDeployment deployment) {
        cluster.enqueue(deployment, List.of());
        return deployment;
    }
}
