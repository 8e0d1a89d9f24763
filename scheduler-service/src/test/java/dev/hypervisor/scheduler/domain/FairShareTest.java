package dev.hypervisor.scheduler.domain;

import static dev.hypervisor.common.deployment.Priority.HIGH;
import static dev.hypervisor.common.deployment.Priority.LOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.resources.Resources;
import dev.hypervisor.scheduler.domain.PendingReason.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The policy on a cluster divided into queues: quotas, borrowing and lending, fair shares, reclaim. */
class FairShareTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration AGING = Duration.ofHours(1);

    private final SchedulingPolicy policy = new SchedulingPolicy(AGING, 100);
    private int sequence;

    @Test
    void aFloodFromOneTeamDoesNotHoldTheOtherBehindIt() {
        ClusterQueue cluster = cluster(8, true, quota("vision", 4), quota("speech", 4));
        List<QueuedDeployment> flood = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            flood.add(submit(cluster, "vision", LOW, 1, T0.plusSeconds(i)));
        }
        QueuedDeployment late1 = submit(cluster, "speech", LOW, 1, T0.plusSeconds(60));
        QueuedDeployment late2 = submit(cluster, "speech", LOW, 1, T0.plusSeconds(61));

        SchedulingPlan plan = cluster.plan(policy, T0.plusSeconds(62));

        assertThat(plan.placements()).contains(late1.id(), late2.id()).hasSize(8);
        // vision: its quota of 4, and the 2 speech leaves unused, borrowed; no more
        assertThat(plan.placements()).containsAll(flood.subList(0, 6).stream().map(QueuedDeployment::id).toList());
        PendingReason seventh = plan.reasons().get(flood.get(6).id());
        assertThat(seventh.reason()).isEqualTo(Reason.QUOTA_EXHAUSTED);
        assertThat(seventh.shortBy().cpuMillis()).isEqualTo(1000);
        assertThat(seventh.message()).contains("quota").contains("cpu 1");
    }

    @Test
    void theQueueFurthestBehindItsShareGoesFirstAndWeightCounts() {
        ClusterQueue cluster = cluster(6, true, new QueueQuota("heavy", cpus(3), null, null, 2),
                quota("light", 3));
        for (int i = 0; i < 6; i++) {
            submit(cluster, "heavy", LOW, 1, T0.plusSeconds(i));
            submit(cluster, "light", LOW, 1, T0.plusSeconds(i));
        }

        SchedulingPlan plan = cluster.plan(policy, T0.plusSeconds(10));

        // both at their quota: the shares (use ÷ quota ÷ weight) decide who borrows what is left, and there is none
        assertThat(plan.placements()).hasSize(6);
        assertThat(startedIn(cluster, plan, "heavy")).isEqualTo(3);
        assertThat(startedIn(cluster, plan, "light")).isEqualTo(3);
        // the order: heavy's share grows half as fast, so it starts two for each of light's until quotas stop it
        List<String> order = plan.placements().stream().map(id -> queueOf(cluster, id)).toList();
        assertThat(order.subList(0, 3)).containsExactly("heavy", "light", "heavy");
    }

    @Test
    void borrowingStaysWithinTheBorrowersLimitAndTheLendersLimit() {
        ClusterQueue limited = cluster(8, true, new QueueQuota("a", cpus(2), cpus(1), null, 1), quota("b", 6));
        for (int i = 0; i < 5; i++) {
            submit(limited, "a", LOW, 1, T0.plusSeconds(i));
        }
        assertThat(limited.plan(policy, T0.plusSeconds(9)).placements()).hasSize(3); // 2 of quota, 1 borrowed

        ClusterQueue stingy = cluster(8, true, quota("a", 2), new QueueQuota("b", cpus(6), null, cpus(2), 1));
        for (int i = 0; i < 7; i++) {
            submit(stingy, "a", LOW, 1, T0.plusSeconds(i));
        }
        assertThat(stingy.plan(policy, T0.plusSeconds(9)).placements()).hasSize(4); // 2 of quota, 2 lent
    }

    @Test
    void aLenderAskingBackReclaimsFromBorrowersWhateverTheirPriority() {
        ClusterQueue cluster = cluster(4, true, quota("owner", 2), quota("borrower", 2));
        List<QueuedDeployment> borrowed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            borrowed.add(submit(cluster, "borrower", HIGH, 1, T0.plusSeconds(i)));
            apply(cluster, T0.plusSeconds(i)); // one after the other: the last two borrow
        }
        assertThat(cluster.running()).hasSize(4);

        QueuedDeployment asksBack = submit(cluster, "owner", LOW, 2, T0.plusSeconds(10));
        SchedulingPlan plan = cluster.plan(policy, T0.plusSeconds(11));

        assertThat(plan.placements()).containsExactly(asksBack.id());
        assertThat(plan.preemptions()).hasSize(1);
        Preemption reclaim = plan.preemptions().get(0);
        assertThat(reclaim.reclaim()).isTrue();
        // the most recently started borrowers give way, and only what was borrowed
        assertThat(reclaim.victims()).containsExactlyInAnyOrder(borrowed.get(2).id(), borrowed.get(3).id());
    }

    @Test
    void withoutPreemptionNothingIsReclaimed() {
        ClusterQueue cluster = cluster(4, false, quota("owner", 2), quota("borrower", 2));
        for (int i = 0; i < 4; i++) {
            submit(cluster, "borrower", LOW, 1, T0.plusSeconds(i));
        }
        apply(cluster, T0.plusSeconds(5));
        QueuedDeployment asksBack = submit(cluster, "owner", LOW, 2, T0.plusSeconds(10));

        SchedulingPlan plan = cluster.plan(policy, T0.plusSeconds(11));

        assertThat(plan.placements()).isEmpty();
        assertThat(plan.reasons().get(asksBack.id()).reason()).isEqualTo(Reason.INSUFFICIENT_CAPACITY);
    }

    @Test
    void oneThatWouldHaveFitButForAQueueAheadSaysWhichQueueWentFirst() {
        // quotas promise more than the cluster has (it was shrunk): what is really there decides
        ClusterQueue cluster = cluster(4, true, quota("alpha", 4), quota("beta", 4));
        submit(cluster, "alpha", LOW, 3, T0);
        QueuedDeployment waits = submit(cluster, "beta", LOW, 2, T0);

        PendingReason reason = cluster.plan(policy, T0.plusSeconds(1)).reasons().get(waits.id());

        assertThat(reason.reason()).isEqualTo(Reason.WAITING_FOR_FAIR_SHARE);
        assertThat(reason.queueAhead()).isEqualTo("alpha");
        assertThat(reason.message()).contains("'alpha'");
    }

    @Test
    void priorityStillComesFirstAcrossQueues() {
        ClusterQueue cluster = cluster(2, true, quota("a", 1), quota("b", 1));
        QueuedDeployment low = submit(cluster, "a", LOW, 2, T0);
        QueuedDeployment high = submit(cluster, "b", HIGH, 2, T0.plusSeconds(5));

        SchedulingPlan plan = cluster.plan(policy, T0.plusSeconds(6));

        assertThat(plan.placements()).containsExactly(high.id()); // b borrows a's unused quota
        assertThat(plan.reasons().get(low.id()).reason()).isEqualTo(Reason.QUOTA_EXHAUSTED);
    }

    @Test
    void aClusterMadeSmallerThanItsQueuesQuotasAdmitsByWhatIsThereAndSaysSo() {
        ClusterQueue cluster = cluster(4, true, quota("a", 3), quota("b", 3)); // shrunk from 6 CPUs
        QueuedDeployment first = submit(cluster, "a", LOW, 3, T0);
        apply(cluster, T0);
        assertThat(cluster.isRunning(first.id())).isTrue();
        QueuedDeployment second = submit(cluster, "b", LOW, 3, T0.plusSeconds(1));

        SchedulingPlan plan = cluster.plan(policy, T0.plusSeconds(2));

        // b is within its quota, but a uses only its own: there is nothing to reclaim, b waits for what is there
        assertThat(plan.placements()).isEmpty();
        assertThat(plan.preemptions()).isEmpty();
        PendingReason reason = plan.reasons().get(second.id());
        assertThat(reason.reason()).isEqualTo(Reason.INSUFFICIENT_CAPACITY);
        assertThat(reason.shortBy().cpuMillis()).isEqualTo(2000);
        assertThat(reason.message()).contains("more than its capacity");
        ClusterQueue whole = cluster(6, true, quota("a", 3), quota("b", 3));
        submit(whole, "a", LOW, 3, T0);
        submit(whole, "b", LOW, 4, T0);
        assertThat(whole.plan(policy, T0.plusSeconds(1)).reasons().values()).singleElement()
                .satisfies(exhausted -> assertThat(exhausted.message()).doesNotContain("capacity"));
    }

    @Test
    void aPassLooksAtOneDeploymentOfEachQueueBeyondWhatItStarts() {
        ClusterQueue cluster = cluster(8, true, quota("vision", 4), quota("speech", 2), quota("audio", 2));
        for (int i = 0; i < 5_000; i++) {
            submit(cluster, "vision", LOW, 1, T0.plusMillis(i));
        }
        QueuedDeployment speech = submit(cluster, "speech", LOW, 1, T0.plusSeconds(10));
        apply(cluster, T0.plusSeconds(11)); // speech takes 1, vision all the rest
        submit(cluster, "speech", LOW, 2, T0.plusSeconds(12));

        SchedulingPlan plan = cluster.plan(policy, T0.plusSeconds(13));

        assertThat(cluster.isRunning(speech.id())).isTrue();
        assertThat(plan.placements()).isEmpty();
        // one look at each waiting queue's next deployment, not 5,000 at vision's
        assertThat(plan.reasons()).hasSize(2);
        assertThat(cluster.pendingInOrder()).hasSize(5_000 - 7 + 1);
        assertThat(cluster.explain(policy, T0.plusSeconds(13))).hasSize(5_000 - 7 + 1);
    }

    @Test
    void aQueueStartsItsDeploymentsInOrderWhileOtherQueuesFillWhatIsLeft() {
        ClusterQueue cluster = cluster(4, true, quota("a", 2), quota("b", 2));
        QueuedDeployment big = submit(cluster, "a", LOW, 3, T0);
        apply(cluster, T0); // a borrows 1 of b's quota
        QueuedDeployment head = submit(cluster, "a", LOW, 2, T0.plusSeconds(1));
        QueuedDeployment small = submit(cluster, "a", LOW, 1, T0.plusSeconds(2));

        assertThat(cluster.isRunning(big.id())).isTrue();
        assertThat(cluster.plan(policy, T0.plusSeconds(3)).placements()).isEmpty();
        PendingReason behind = cluster.explain(policy, T0.plusSeconds(3)).get(small.id());
        assertThat(behind.reason()).isEqualTo(Reason.QUEUED_BEHIND_HIGHER_PRIORITY);
        assertThat(behind.heldBy()).isEqualTo(head.id());
        assertThat(behind.message()).contains("in its queue 'a'");

        QueuedDeployment other = submit(cluster, "b", LOW, 1, T0.plusSeconds(4));
        assertThat(cluster.plan(policy, T0.plusSeconds(5)).placements()).containsExactly(other.id());
    }

    @Test
    void oneItsQueueCouldNeverRunHoldsUpNeitherItsQueueNorTheCluster() {
        ClusterQueue cluster = cluster(4, true, new QueueQuota("a", cpus(2), cpus(0), null, 1), quota("b", 2));
        QueuedDeployment tooBig = submit(cluster, "a", LOW, 3, T0); // long past the aging threshold, too
        QueuedDeployment next = submit(cluster, "a", LOW, 1, T0.plusSeconds(1));
        QueuedDeployment other = submit(cluster, "b", LOW, 1, T0.plusSeconds(2));

        SchedulingPlan plan = cluster.plan(policy, T0.plus(AGING).plusSeconds(10));

        assertThat(plan.placements()).containsExactlyInAnyOrder(next.id(), other.id());
        assertThat(plan.reasons().get(tooBig.id()).reason()).isEqualTo(Reason.QUOTA_EXHAUSTED);
    }

    @Test
    void oneWaitingForItsDependenciesIsNotInItsQueuesLineUntilTheyComplete() {
        ClusterQueue cluster = cluster(4, true, quota("a", 2), quota("b", 2));
        QueuedDeployment first = submit(cluster, "b", LOW, 1, T0);
        apply(cluster, T0);
        QueuedDeployment dependent = new QueuedDeployment(new UUID(3, 1), LOW, T0, new Resources(1000, 1L << 20, 0),
                "a");
        cluster.enqueue(dependent, List.of(first.id()));
        QueuedDeployment behind = submit(cluster, "a", LOW, 1, T0.plusSeconds(1));

        assertThat(cluster.plan(policy, T0.plusSeconds(2)).placements()).containsExactly(behind.id());
        assertThat(cluster.explain(policy, T0.plusSeconds(2)).get(dependent.id()).reason())
                .isEqualTo(Reason.WAITING_FOR_DEPENDENCIES);

        cluster.complete(first.id());
        assertThat(cluster.plan(policy, T0.plusSeconds(3)).placements()).contains(dependent.id());
    }

    private ClusterQueue cluster(long cpus, boolean preemption, QueueQuota... queues) {
        Map<String, QueueQuota> byName = new LinkedHashMap<>();
        for (QueueQuota queue : queues) {
            byName.put(queue.name(), queue);
        }
        return new ClusterQueue(UUID.randomUUID(), new Resources(cpus * 1000, 64L << 30, 0), preemption, byName);
    }

    private static QueueQuota quota(String name, long cpus) {
        return QueueQuota.of(name, cpus(cpus));
    }

    /** So many CPUs, and 1Gi of memory with each (a deployment here asks for 1Mi). */
    private static Resources cpus(long cpus) {
        return new Resources(cpus * 1000, cpus << 30, 0);
    }

    private QueuedDeployment submit(ClusterQueue cluster, String queue, Priority priority, long cpus, Instant at) {
        QueuedDeployment deployment = new QueuedDeployment(new UUID(2, ++sequence), priority, at,
                new Resources(cpus * 1000, 1L << 20, 0), queue);
        cluster.enqueue(deployment, List.of());
        return deployment;
    }

    private static String queueOf(ClusterQueue cluster, UUID id) {
        return cluster.pending(id).orElseThrow().queue();
    }

    private static long startedIn(ClusterQueue cluster, SchedulingPlan plan, String queue) {
        return plan.placements().stream().filter(id -> queue.equals(queueOf(cluster, id))).count();
    }

    private void apply(ClusterQueue cluster, Instant now) {
        SchedulingPlan plan = cluster.plan(policy, now);
        plan.preemptions().forEach(preemption -> preemption.victims().forEach(cluster::requeue));
        plan.placements().forEach(id -> cluster.start(id, now));
    }
}
