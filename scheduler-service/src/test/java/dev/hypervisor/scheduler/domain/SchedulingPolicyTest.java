package dev.hypervisor.scheduler.domain;

import static dev.hypervisor.common.deployment.Priority.HIGH;
import static dev.hypervisor.common.deployment.Priority.LOW;
import static dev.hypervisor.common.deployment.Priority.MEDIUM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.resources.Resources;
import dev.hypervisor.scheduler.domain.PendingReason.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SchedulingPolicyTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration AGING = Duration.ofMinutes(10);
    private static final int MOST_VICTIMS = 3;

    private final SchedulingPolicy policy = new SchedulingPolicy(AGING, MOST_VICTIMS);
    private int sequence;

    @Test
    void theQueueIsOrderedByPriorityThenSubmissionThenId() {
        ClusterQueue queue = cluster(8, 0, true);
        QueuedDeployment lowEarly = submit(queue, LOW, 1, 0, T0);
        QueuedDeployment highLate = submit(queue, HIGH, 1, 0, T0.plusSeconds(5));
        QueuedDeployment mediumA = deployment(MEDIUM, 1, 0, T0.plusSeconds(1), new UUID(0, 2));
        QueuedDeployment mediumB = deployment(MEDIUM, 1, 0, T0.plusSeconds(1), new UUID(0, 1));
        queue.enqueue(mediumA, List.of());
        queue.enqueue(mediumB, List.of());

        assertThat(queue.pendingInOrder()).containsExactly(highLate, mediumB, mediumA, lowEarly);
        assertThat(queue.plan(policy, T0.plusSeconds(6)).placements())
                .containsExactly(highLate.id(), mediumB.id(), mediumA.id(), lowEarly.id());
    }

    @Test
    void everythingThatFitsStartsInOnePassAndTheRestSaysWhatIsShort() {
        ClusterQueue queue = cluster(4, 1, true);
        QueuedDeployment first = submit(queue, MEDIUM, 2, 1, T0);
        QueuedDeployment second = submit(queue, MEDIUM, 2, 0, T0.plusSeconds(1));
        QueuedDeployment third = submit(queue, MEDIUM, 1, 1, T0.plusSeconds(2));

        SchedulingPlan plan = queue.plan(policy, T0.plusSeconds(3));

        assertThat(plan.placements()).containsExactly(first.id(), second.id());
        PendingReason reason = plan.reasons().get(third.id());
        assertThat(reason.reason()).isEqualTo(Reason.INSUFFICIENT_CAPACITY);
        assertThat(reason.position()).isEqualTo(3);
        assertThat(reason.shortBy()).isEqualTo(new Resources(1000, 0, 1));
        assertThat(reason.message()).contains("cpu 1").contains("gpu 1");
    }

    @Test
    void aDependentWaitsUntilEveryDependencyCompletes() {
        ClusterQueue queue = cluster(8, 0, true);
        QueuedDeployment build = submit(queue, LOW, 1, 0, T0);
        QueuedDeployment test = submit(queue, LOW, 1, 0, T0.plusSeconds(1));
        QueuedDeployment release = deployment(HIGH, 1, 0, T0.plusSeconds(2), UUID.randomUUID());
        queue.enqueue(release, List.of(build.id(), test.id()));

        SchedulingPlan plan = apply(queue, T0.plusSeconds(3));
        assertThat(plan.placements()).containsExactly(build.id(), test.id());
        PendingReason reason = plan.reasons().get(release.id());
        assertThat(reason.reason()).isEqualTo(Reason.WAITING_FOR_DEPENDENCIES);
        assertThat(reason.position()).isEqualTo(1);
        assertThat(reason.waitingFor()).containsExactlyInAnyOrder(build.id(), test.id());

        queue.complete(build.id());
        assertThat(queue.plan(policy, T0.plusSeconds(4)).reasons().get(release.id()).waitingFor())
                .containsExactly(test.id());
        queue.complete(test.id());
        assertThat(queue.plan(policy, T0.plusSeconds(5)).placements()).containsExactly(release.id());
    }

    @Test
    void aFailedDependencyFailsEveryDeploymentThatWaitsForItTransitively() {
        ClusterQueue queue = cluster(8, 0, true);
        QueuedDeployment root = submit(queue, LOW, 1, 0, T0);
        QueuedDeployment child = deployment(LOW, 1, 0, T0.plusSeconds(1), UUID.randomUUID());
        queue.enqueue(child, List.of(root.id()));
        QueuedDeployment grandchild = deployment(LOW, 1, 0, T0.plusSeconds(2), UUID.randomUUID());
        queue.enqueue(grandchild, List.of(child.id()));
        QueuedDeployment bystander = submit(queue, LOW, 1, 0, T0.plusSeconds(3));
        apply(queue, T0.plusSeconds(4));

        assertThat(queue.end(root.id())).containsExactly(child.id(), grandchild.id());
        assertThat(queue.pendingInOrder()).isEmpty();
        assertThat(queue.isRunning(bystander.id())).isTrue();
    }

    @Test
    void smallerDeploymentsBackfillWhileTheHeadDoesNotFit() {
        ClusterQueue queue = cluster(4, 0, false);
        QueuedDeployment running = submit(queue, LOW, 3, 0, T0);
        apply(queue, T0);
        QueuedDeployment head = submit(queue, HIGH, 2, 0, T0.plusSeconds(1));
        QueuedDeployment small = submit(queue, LOW, 1, 0, T0.plusSeconds(2));

        SchedulingPlan plan = queue.plan(policy, T0.plusSeconds(3));

        assertThat(plan.placements()).containsExactly(small.id());
        assertThat(plan.reasons().get(head.id()).reason()).isEqualTo(Reason.INSUFFICIENT_CAPACITY);
        assertThat(queue.isRunning(running.id())).isTrue();
    }

    @Test
    void aHeadThatHasWaitedPastTheAgingThresholdHoldsCapacityUntilItStarts() {
        ClusterQueue queue = cluster(4, 0, false);
        QueuedDeployment running = submit(queue, LOW, 3, 0, T0);
        apply(queue, T0);
        QueuedDeployment head = submit(queue, MEDIUM, 2, 0, T0.plusSeconds(1));
        QueuedDeployment small = submit(queue, LOW, 1, 0, T0.plusSeconds(2));
        QueuedDeployment big = submit(queue, LOW, 4, 0, T0.plusSeconds(3));
        Instant aged = T0.plusSeconds(1).plus(AGING);

        SchedulingPlan plan = queue.plan(policy, aged);

        assertThat(plan.placements()).isEmpty();
        assertThat(plan.reasons().get(small.id()).reason()).isEqualTo(Reason.QUEUED_BEHIND_HIGHER_PRIORITY);
        assertThat(plan.reasons().get(small.id()).heldBy()).isEqualTo(head.id());
        assertThat(plan.reasons().get(big.id()).reason()).isEqualTo(Reason.INSUFFICIENT_CAPACITY);

        queue.complete(running.id());
        assertThat(queue.plan(policy, aged).placements()).containsExactly(head.id(), small.id());
    }

    @Test
    void preemptionTakesTheSmallestSufficientSetOfLowerPriorityMostRecentlyStartedFirst() {
        ClusterQueue queue = cluster(8, 4, true);
        QueuedDeployment oldLow = submit(queue, LOW, 2, 1, T0);
        apply(queue, T0);
        QueuedDeployment newLow = submit(queue, LOW, 2, 1, T0.plusSeconds(1));
        apply(queue, T0.plusSeconds(1));
        QueuedDeployment medium = submit(queue, MEDIUM, 2, 1, T0.plusSeconds(2));
        apply(queue, T0.plusSeconds(2));
        QueuedDeployment high = submit(queue, HIGH, 2, 1, T0.plusSeconds(3));
        apply(queue, T0.plusSeconds(3));
        assertThat(queue.allocated()).isEqualTo(new Resources(8000, 4L << 30, 4));

        QueuedDeployment urgent = submit(queue, HIGH, 1, 1, T0.plusSeconds(4));
        SchedulingPlan plan = queue.plan(policy, T0.plusSeconds(5));

        assertThat(plan.preemptions()).containsExactly(new Preemption(urgent.id(), List.of(newLow.id())));
        assertThat(plan.placements()).containsExactly(urgent.id());
        assertThat(queue.isRunning(oldLow.id()) && queue.isRunning(medium.id()) && queue.isRunning(high.id()))
                .isTrue();
    }

    @Test
    void preemptionIsAllOrNothingAndNeverTouchesEqualPriority() {
        ClusterQueue queue = cluster(4, 0, true);
        submit(queue, MEDIUM, 2, 0, T0);
        submit(queue, LOW, 2, 0, T0.plusSeconds(1));
        apply(queue, T0.plusSeconds(1));

        QueuedDeployment needsAll = submit(queue, MEDIUM, 4, 0, T0.plusSeconds(2));
        SchedulingPlan plan = queue.plan(policy, T0.plusSeconds(3));

        assertThat(plan.preemptions()).isEmpty();
        assertThat(plan.placements()).isEmpty();
        assertThat(plan.reasons().get(needsAll.id()).shortBy()).isEqualTo(new Resources(4000, 0, 0));
    }

    @Test
    void aPreemptionThatWouldTakeMoreVictimsThanAllowedIsNotMadeAndTheNextInLineMayPreempt() {
        ClusterQueue queue = cluster(8, 0, true);
        List<QueuedDeployment> lows = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            lows.add(submit(queue, LOW, 2, 0, T0.plusSeconds(i)));
            apply(queue, T0.plusSeconds(i));
        }

        QueuedDeployment needsFourVictims = submit(queue, HIGH, 8, 0, T0.plusSeconds(5));
        QueuedDeployment needsThree = submit(queue, HIGH, 6, 0, T0.plusSeconds(6));
        SchedulingPlan plan = queue.plan(policy, T0.plusSeconds(7));

        assertThat(plan.preemptions()).containsExactly(new Preemption(needsThree.id(),
                List.of(lows.get(3).id(), lows.get(2).id(), lows.get(1).id())));
        assertThat(plan.placements()).containsExactly(needsThree.id());
        PendingReason waiting = plan.reasons().get(needsFourVictims.id());
        assertThat(waiting.reason()).isEqualTo(Reason.INSUFFICIENT_CAPACITY);
        assertThat(waiting.shortBy()).isEqualTo(new Resources(8000, 0, 0));
    }

    @Test
    void aVictimThatFreesNothingShortIsSpared() {
        ClusterQueue queue = cluster(8, 2, true);
        QueuedDeployment gpuUser = submit(queue, LOW, 1, 2, T0);
        QueuedDeployment cpuUser = submit(queue, LOW, 7, 0, T0.plusSeconds(1));
        apply(queue, T0.plusSeconds(1));

        QueuedDeployment needsGpu = submit(queue, HIGH, 0, 1, T0.plusSeconds(2), 1);
        SchedulingPlan plan = queue.plan(policy, T0.plusSeconds(3));

        assertThat(plan.preemptions()).containsExactly(new Preemption(needsGpu.id(), List.of(gpuUser.id())));
        assertThat(queue.isRunning(cpuUser.id())).isTrue();
    }

    @Test
    void aClusterThatForbidsPreemptionOnlyQueues() {
        ClusterQueue queue = cluster(2, 0, false);
        submit(queue, LOW, 2, 0, T0);
        apply(queue, T0);
        QueuedDeployment high = submit(queue, HIGH, 2, 0, T0.plusSeconds(1));

        SchedulingPlan plan = queue.plan(policy, T0.plusSeconds(2));

        assertThat(plan.changesNothing()).isTrue();
        assertThat(plan.reasons().get(high.id()).reason()).isEqualTo(Reason.INSUFFICIENT_CAPACITY);
    }

    @Test
    void aPreemptedDeploymentGoesBackToItsPlaceInTheQueue() {
        ClusterQueue queue = cluster(2, 0, true);
        QueuedDeployment victim = submit(queue, LOW, 2, 0, T0);
        apply(queue, T0);
        QueuedDeployment later = submit(queue, LOW, 1, 0, T0.plusSeconds(1));
        QueuedDeployment high = submit(queue, HIGH, 2, 0, T0.plusSeconds(2));

        SchedulingPlan plan = apply(queue, T0.plusSeconds(3));

        assertThat(plan.preemptions()).containsExactly(new Preemption(high.id(), List.of(victim.id())));
        assertThat(queue.pendingInOrder()).containsExactly(victim, later);
    }

    @Test
    void explainingSaysADeploymentWithRoomIsStartedByTheNextPass() {
        ClusterQueue queue = cluster(2, 0, true);
        QueuedDeployment fresh = submit(queue, LOW, 1, 0, T0);

        Map<UUID, PendingReason> reasons = queue.explain(policy, T0);

        assertThat(reasons.get(fresh.id()).reason()).isEqualTo(Reason.NOT_YET_EVALUATED);
        assertThat(reasons.get(fresh.id()).position()).isEqualTo(1);
    }

    private ClusterQueue cluster(long cpus, long gpus, boolean preemption) {
        return new ClusterQueue(UUID.randomUUID(), new Resources(cpus * 1000, 64L << 30, gpus), preemption);
    }

    private QueuedDeployment submit(ClusterQueue queue, Priority priority, long cpus, long gpus, Instant at) {
        return submit(queue, priority, cpus, gpus, at, 1000 * cpus);
    }

    private QueuedDeployment submit(ClusterQueue queue, Priority priority, long cpus, long gpus, Instant at,
                                    long cpuMillis) {
        QueuedDeployment deployment = new QueuedDeployment(new UUID(1, ++sequence), priority, at,
                new Resources(cpuMillis == 0 ? 1 : cpuMillis, 1L << 30, gpus));
        queue.enqueue(deployment, List.of());
        return deployment;
    }

    private static QueuedDeployment deployment(Priority priority, long cpus, long gpus, Instant at, UUID id) {
        return new QueuedDeployment(id, priority, at, new Resources(cpus * 1000, 1L << 30, gpus));
    }

    /** Plans and applies the plan, as the scheduler does once the ledger has agreed. */
    private SchedulingPlan apply(ClusterQueue queue, Instant now) {
        SchedulingPlan plan = queue.plan(policy, now);
        plan.preemptions().forEach(preemption -> preemption.victims().forEach(queue::requeue));
        plan.placements().forEach(id -> queue.start(id, now));
        return plan;
    }
}
