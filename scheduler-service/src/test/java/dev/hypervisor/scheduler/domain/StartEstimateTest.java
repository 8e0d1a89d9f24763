package dev.hypervisor.scheduler.domain;

import static dev.hypervisor.common.deployment.Priority.HIGH;
import static dev.hypervisor.common.deployment.Priority.LOW;
import static dev.hypervisor.common.deployment.Priority.MEDIUM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.resources.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code estimatedStartAt}: when a pending deployment would start at the latest were nothing else submitted, as
 * running deployments reach their run-time limits; unknown when it waits for one without a limit.
 */
class StartEstimateTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final Resources FOUR_CPUS = new Resources(4000, 8L << 30, 0);
    private static final Resources TWO_CPUS = new Resources(2000, 4L << 30, 0);
    private static final Duration HOUR = Duration.ofHours(1);

    private final SchedulingPolicy policy = new SchedulingPolicy(Duration.ofMinutes(10), 8);
    private int sequence;

    @Test
    void aDeploymentWaitingForOneWithALimitStartsWhenThatLimitEndsIt() {
        ClusterQueue cluster = new ClusterQueue(UUID.randomUUID(), FOUR_CPUS, false);
        running(cluster, FOUR_CPUS, HOUR, NOW.minus(Duration.ofMinutes(20)));
        QueuedDeployment waiting = enqueue(cluster, MEDIUM, FOUR_CPUS, null);

        assertThat(estimateOf(cluster, waiting)).isEqualTo(NOW.plus(Duration.ofMinutes(40)));
    }

    @Test
    void theDeploymentsAheadRunTheirLimitsOneAfterTheOther() {
        ClusterQueue cluster = new ClusterQueue(UUID.randomUUID(), FOUR_CPUS, false);
        running(cluster, FOUR_CPUS, HOUR, NOW);
        QueuedDeployment first = enqueue(cluster, HIGH, FOUR_CPUS, HOUR.multipliedBy(2));
        QueuedDeployment second = enqueue(cluster, MEDIUM, TWO_CPUS, null);
        QueuedDeployment third = enqueue(cluster, MEDIUM, TWO_CPUS, HOUR);

        QueuePage page = cluster.page(policy, NOW, null, 10, QueueFilter.everything());

        assertThat(page.items()).extracting(QueuePage.Waiting::estimatedStartAt).containsExactly(
                NOW.plus(HOUR), NOW.plus(HOUR.multipliedBy(3)), NOW.plus(HOUR.multipliedBy(3)));
        assertThat(page.items()).extracting(waiting -> waiting.deployment().id())
                .containsExactly(first.id(), second.id(), third.id());
    }

    @Test
    void nothingIsKnownOfADeploymentThatWaitsForOneWithoutALimit() {
        ClusterQueue cluster = new ClusterQueue(UUID.randomUUID(), FOUR_CPUS, false);
        running(cluster, TWO_CPUS, null, NOW);
        running(cluster, TWO_CPUS, HOUR, NOW);
        QueuedDeployment fitsOnceTheLimitedOneEnds = enqueue(cluster, MEDIUM, TWO_CPUS, null);
        QueuedDeployment needsTheUnlimitedOnesCapacity = enqueue(cluster, MEDIUM, TWO_CPUS, null);

        QueuePage page = cluster.page(policy, NOW, null, 10, QueueFilter.everything());

        assertThat(page.items()).extracting(QueuePage.Waiting::estimatedStartAt)
                .containsExactly(NOW.plus(HOUR), null);
        assertThat(page.items().get(1).deployment().id()).isEqualTo(needsTheUnlimitedOnesCapacity.id());
        assertThat(estimateOf(cluster, fitsOnceTheLimitedOneEnds)).isEqualTo(NOW.plus(HOUR));
    }

    @Test
    void oneThatStartsInTheNextPassStartsNow() {
        ClusterQueue cluster = new ClusterQueue(UUID.randomUUID(), FOUR_CPUS, false);
        running(cluster, TWO_CPUS, null, NOW);
        QueuedDeployment fits = enqueue(cluster, MEDIUM, TWO_CPUS, null);

        assertThat(estimateOf(cluster, fits)).isEqualTo(NOW);
    }

    @Test
    void aDependentStartsWhenTheDependencyHasRunItsLimit() {
        ClusterQueue cluster = new ClusterQueue(UUID.randomUUID(), FOUR_CPUS, false);
        QueuedDeployment dependency = running(cluster, TWO_CPUS, HOUR, NOW);
        QueuedDeployment dependent = deployment(MEDIUM, TWO_CPUS, null);
        cluster.enqueue(dependent, Set.of(dependency.id()));

        assertThat(estimateOf(cluster, dependent)).isEqualTo(NOW.plus(HOUR));
    }

    @Test
    void aPreemptorOnAClusterWithAGracePeriodStartsWhenThePeriodEndsAtTheLatest() {
        Duration grace = Duration.ofSeconds(30);
        ClusterQueue cluster = new ClusterQueue(UUID.randomUUID(), FOUR_CPUS, true, Map.of(), grace);
        QueuedDeployment victim = runningAs(cluster, LOW, FOUR_CPUS, null, NOW.minusSeconds(60));
        QueuedDeployment urgent = enqueue(cluster, HIGH, FOUR_CPUS, null);

        assertThat(estimateOf(cluster, urgent)).isEqualTo(NOW.plus(grace));

        cluster.stopping(victim.id(), urgent.id()); // asked to stop: it stops a grace period from now at the latest
        assertThat(estimateOf(cluster, urgent)).isEqualTo(NOW.plus(grace));
    }

    @Test
    void aDryRunSaysWhenTheSubmissionWouldStart() {
        ClusterQueue cluster = new ClusterQueue(UUID.randomUUID(), FOUR_CPUS, false);
        running(cluster, FOUR_CPUS, HOUR, NOW);

        WhatIf.Answer answer = WhatIf.of(cluster, deployment(MEDIUM, TWO_CPUS, null), List.of(), policy, NOW);

        assertThat(answer.wouldStart()).isFalse();
        assertThat(answer.estimatedStartAt()).isEqualTo(NOW.plus(HOUR));
        assertThat(cluster.hasPending()).isFalse();
    }

    @Test
    void estimatingChangesNothingInTheQueue() {
        ClusterQueue cluster = new ClusterQueue(UUID.randomUUID(), FOUR_CPUS, false);
        running(cluster, FOUR_CPUS, HOUR, NOW);
        QueuedDeployment first = enqueue(cluster, MEDIUM, FOUR_CPUS, HOUR);
        QueuedDeployment second = enqueue(cluster, MEDIUM, FOUR_CPUS, HOUR);
        long changes = cluster.changes();
        Resources allocated = cluster.allocated();

        cluster.page(policy, NOW, null, 10, QueueFilter.everything());

        assertThat(cluster.changes()).isEqualTo(changes);
        assertThat(cluster.allocated()).isEqualTo(allocated);
        assertThat(cluster.pendingInOrder()).containsExactly(first, second);
    }

    @Test
    void aPageFurtherOnAgreesWithEachDeploymentAskedAboutAlone() {
        ClusterQueue cluster = new ClusterQueue(UUID.randomUUID(), FOUR_CPUS, false);
        running(cluster, TWO_CPUS, Duration.ofMinutes(30), NOW);
        running(cluster, TWO_CPUS, Duration.ofMinutes(45), NOW);
        for (int i = 0; i < 12; i++) {
            enqueue(cluster, i % 3 == 0 ? HIGH : MEDIUM, i % 2 == 0 ? TWO_CPUS : FOUR_CPUS,
                    Duration.ofMinutes(10 + 5 * i));
        }
        QueuedDeployment after = cluster.pendingInOrder().get(4);

        QueuePage page = cluster.page(policy, NOW, after, 5, QueueFilter.everything());

        assertThat(page.items()).hasSize(5);
        for (QueuePage.Waiting waiting : page.items()) {
            assertThat(waiting.estimatedStartAt()).as("every one waits for limited deployments only").isNotNull()
                    .isAfter(NOW);
            assertThat(estimateOf(cluster, waiting.deployment())).isEqualTo(waiting.estimatedStartAt());
        }
    }

    private Instant estimateOf(ClusterQueue cluster, QueuedDeployment deployment) {
        return cluster.explain(policy, NOW, deployment.id()).orElseThrow().estimatedStartAt();
    }

    private QueuedDeployment deployment(Priority priority, Resources resources, Duration limit) {
        sequence++;
        return new QueuedDeployment(new UUID(7, sequence), priority, NOW.minusSeconds(1000 - sequence), resources,
                null, 1, 1, limit);
    }

    private QueuedDeployment enqueue(ClusterQueue cluster, Priority priority, Resources resources, Duration limit) {
        QueuedDeployment deployment = deployment(priority, resources, limit);
        cluster.enqueue(deployment, Set.of());
        return deployment;
    }

    private QueuedDeployment running(ClusterQueue cluster, Resources resources, Duration limit, Instant startedAt) {
        return runningAs(cluster, MEDIUM, resources, limit, startedAt);
    }

    private QueuedDeployment runningAs(ClusterQueue cluster, Priority priority, Resources resources, Duration limit,
                                       Instant startedAt) {
        QueuedDeployment deployment = deployment(priority, resources, limit);
        cluster.restoreRunning(new RunningDeployment(deployment, startedAt));
        return deployment;
    }
}
