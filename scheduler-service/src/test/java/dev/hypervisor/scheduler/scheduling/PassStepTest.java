package dev.hypervisor.scheduler.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.resources.Resources;
import dev.hypervisor.scheduler.client.LedgerBatches;
import dev.hypervisor.scheduler.client.LedgerChange;
import dev.hypervisor.scheduler.domain.ClusterQueue;
import dev.hypervisor.scheduler.domain.QueuedDeployment;
import dev.hypervisor.scheduler.domain.RunningDeployment;
import dev.hypervisor.scheduler.domain.SchedulingPlan;
import dev.hypervisor.scheduler.domain.SchedulingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How a cluster's plan is cut to what the ledger takes in one batch: 1,000 claims and 1,000 releases. */
class PassStepTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Resources TINY = new Resources(1, 1, 0);

    private final SchedulingPolicy policy = new SchedulingPolicy(Duration.ofMinutes(5), LedgerBatches.MAX_RELEASES);

    @Test
    void thePlacementsStopBeforeThePreemptionThatWouldReleaseMoreThanOneBatchTakes() {
        // 1,500 tiny LOW deployments fill the cluster; two HIGH ones need 700 of them each.
        ClusterQueue queue = fullOfTinyLowDeployments(1_500);
        QueuedDeployment first = enqueue(queue, Priority.HIGH, 700, 1);
        QueuedDeployment second = enqueue(queue, Priority.HIGH, 700, 2);
        SchedulingPlan plan = queue.plan(policy, T0.plusSeconds(10));
        assertThat(plan.placements()).containsExactly(first.id(), second.id());

        PassStep step = PassStep.of(queue, plan, List.of(), LedgerBatches.MAX_CLAIMS);

        assertThat(step.placements()).containsExactly(first.id());
        assertThat(step.preemptorOfVictim()).hasSize(700).containsValue(first.id()).doesNotContainValue(second.id());
        assertThat(step.ledgerChanges()).singleElement().satisfies(change -> {
            assertThat(change.claims()).containsOnlyKeys(first.id());
            assertThat(change.releases()).hasSize(700);
        });
    }

    @Test
    void onAClusterWithAGracePeriodTheVictimsAreAskedToStopAndNothingAfterThePreemptorIsPlaced() {
        ClusterQueue queue = new ClusterQueue(UUID.randomUUID(), new Resources(4, 4, 0), true, Map.of(),
                Duration.ofSeconds(30));
        QueuedDeployment running = enqueue(queue, Priority.LOW, 4, 0);
        queue.start(running.id(), T0);
        QueuedDeployment urgent = enqueue(queue, Priority.HIGH, 4, 1);
        SchedulingPlan plan = queue.plan(policy, T0.plusSeconds(10));
        assertThat(plan.placements()).containsExactly(urgent.id());

        PassStep step = PassStep.of(queue, plan, List.of(), LedgerBatches.MAX_CLAIMS);

        assertThat(step.placements()).isEmpty();
        assertThat(step.askedToStop()).isEqualTo(Map.of(running.id(), urgent.id()));
        assertThat(step.ledgerChanges()).as("the victim keeps its claim, the preemptor claims nothing yet").isEmpty();
    }

    @Test
    void thePlacementsStopAtTheClaimsRoomLeftInThePass() {
        ClusterQueue queue = new ClusterQueue(UUID.randomUUID(), new Resources(100, 100, 0), true);
        List<QueuedDeployment> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiting.add(enqueue(queue, Priority.MEDIUM, 1, i));
        }
        PassStep step = PassStep.of(queue, queue.plan(policy, T0.plusSeconds(10)), List.of(), 3);

        assertThat(step.placements()).containsExactly(waiting.get(0).id(), waiting.get(1).id(), waiting.get(2).id());
        assertThat(step.claims()).containsOnlyKeys(step.placements());
    }

    @Test
    void endedDeploymentsGoFirstOnTheirOwnWhenTheyAndTheVictimsExceedOneBatch() {
        ClusterQueue queue = fullOfTinyLowDeployments(1_500);
        QueuedDeployment preemptor = enqueue(queue, Priority.HIGH, 700, 1);
        SchedulingPlan plan = queue.plan(policy, T0.plusSeconds(10));
        List<UUID> ended = ids(400);

        List<LedgerChange> changes = PassStep.of(queue, plan, ended, LedgerBatches.MAX_CLAIMS).ledgerChanges();

        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).claims()).isEmpty();
        assertThat(changes.get(0).releases()).containsExactlyElementsOf(ended);
        assertThat(changes.get(1).claims()).containsOnlyKeys(preemptor.id());
        assertThat(changes.get(1).releases()).hasSize(700).doesNotContainAnyElementsOf(ended);
        assertThat(LedgerBatches.cut(changes)).as("each in a batch of its own").hasSize(2);
    }

    @Test
    void endedDeploymentsRideWithTheClaimsWhenAllFitOneBatch() {
        ClusterQueue queue = fullOfTinyLowDeployments(1_500);
        QueuedDeployment preemptor = enqueue(queue, Priority.HIGH, 700, 1);
        List<UUID> ended = ids(300);

        List<LedgerChange> changes = PassStep.of(queue, queue.plan(policy, T0.plusSeconds(10)), ended,
                LedgerBatches.MAX_CLAIMS).ledgerChanges();

        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.claims()).containsOnlyKeys(preemptor.id());
            assertThat(change.releases()).hasSize(1_000).containsAll(ended);
        });
    }

    @Test
    void aReleaseOwedForADeploymentThatRunsAgainOrIsPlacedNowIsDroppedSoItsNewClaimStays() {
        // Each of these ended (retried or lost) and went back to the queue; their releases were owed only once
        // their changes had committed, and a pass may have placed one again in between.
        ClusterQueue queue = new ClusterQueue(UUID.randomUUID(), new Resources(10, 10, 0), true);
        QueuedDeployment placedAgainEarlier = enqueue(queue, Priority.MEDIUM, 1, 0);
        queue.start(placedAgainEarlier.id(), T0.plusSeconds(5));
        QueuedDeployment placedNow = enqueue(queue, Priority.MEDIUM, 1, 1);
        UUID endedForGood = UUID.randomUUID();
        SchedulingPlan plan = queue.plan(policy, T0.plusSeconds(10));
        assertThat(plan.placements()).containsExactly(placedNow.id());

        PassStep step = PassStep.of(queue, plan, List.of(placedAgainEarlier.id(), placedNow.id(), endedForGood),
                LedgerBatches.MAX_CLAIMS);

        assertThat(step.releases()).containsExactly(endedForGood);
        assertThat(step.ledgerChanges()).singleElement().satisfies(change -> {
            assertThat(change.claims()).containsOnlyKeys(placedNow.id());
            assertThat(change.releases()).containsExactly(endedForGood);
        });
    }

    @Test
    void batchesCarryChangesInOrderUpToTheLedgersLimits() {
        LedgerChange sixHundredClaims = change(600, 0);
        LedgerChange fiveHundredClaims = change(500, 0);
        LedgerChange fourHundredClaims = change(400, 900);
        LedgerChange twoHundredReleases = change(0, 200);

        assertThat(LedgerBatches.cut(List.of(sixHundredClaims, fiveHundredClaims, fourHundredClaims,
                twoHundredReleases))).containsExactly(List.of(sixHundredClaims), List.of(fiveHundredClaims,
                fourHundredClaims), List.of(twoHundredReleases));
        assertThatThrownBy(() -> LedgerBatches.cut(List.of(change(1_001, 0))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A cluster exactly full of tiny LOW deployments, started one a second, the most recent last. */
    private static ClusterQueue fullOfTinyLowDeployments(int count) {
        ClusterQueue queue = new ClusterQueue(UUID.randomUUID(), new Resources(count, count, 0), true);
        for (int i = 0; i < count; i++) {
            queue.restoreRunning(new RunningDeployment(new QueuedDeployment(UUID.randomUUID(), Priority.LOW,
                    T0.minusSeconds(count - i), TINY), T0.minusSeconds(count - i)));
        }
        return queue;
    }

    private static QueuedDeployment enqueue(ClusterQueue queue, Priority priority, long units, int second) {
        QueuedDeployment deployment = new QueuedDeployment(UUID.randomUUID(), priority, T0.plusSeconds(second),
                new Resources(units, units, 0));
        queue.enqueue(deployment, List.of());
        return deployment;
    }

    private static LedgerChange change(int claims, int releases) {
        Map<UUID, Resources> claimed = new LinkedHashMap<>();
        ids(claims).forEach(id -> claimed.put(id, TINY));
        return new LedgerChange(UUID.randomUUID(), claimed, ids(releases));
    }

    private static List<UUID> ids(int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID());
        }
        return ids;
    }
}
