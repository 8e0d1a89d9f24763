package dev.hypervisor.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.resources.Resources;
import dev.hypervisor.scheduler.domain.MissedHeartbeats.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The two-heartbeats rule, and which deployments a heartbeat can be held to. */
class MissedHeartbeatsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Resources ONE_CPU = new Resources(1000, 1L << 30, 0);

    private final RunningDeployment early = running(T0);
    private final RunningDeployment late = running(T0.plusSeconds(20));
    private final List<RunningDeployment> both = List.of(early, late);

    @Test
    void anUnlistedDeploymentIsMissedOnceAndLostTheSecondTimeInARow() {
        Verdict first = MissedHeartbeats.judge(both, Set.of(id(late)), T0.plusSeconds(30), null, Set.of());
        assertThat(first.missed()).containsExactly(id(early));
        assertThat(first.lost()).isEmpty();

        Verdict second = MissedHeartbeats.judge(both, Set.of(id(late)), T0.plusSeconds(40), null, first.missed());
        assertThat(second.lost()).containsExactly(id(early));
        assertThat(second.missed()).isEmpty();
    }

    @Test
    void aDeploymentListedBetweenTwoMissesStartsCountingAgain() {
        Verdict first = MissedHeartbeats.judge(both, Set.of(id(late)), T0.plusSeconds(30), null, Set.of());
        Verdict listed = MissedHeartbeats.judge(both, Set.of(id(early), id(late)), T0.plusSeconds(40), null,
                first.missed());
        Verdict third = MissedHeartbeats.judge(both, Set.of(id(late)), T0.plusSeconds(50), null, listed.missed());

        assertThat(listed.missed()).isEmpty();
        assertThat(third.missed()).containsExactly(id(early));
        assertThat(third.lost()).isEmpty();
    }

    @Test
    void aDeploymentThatStartedAfterTheHeartbeatWasSentIsNotHeldAgainstIt() {
        Verdict first = MissedHeartbeats.judge(both, Set.of(), T0.plusSeconds(10), null, Set.of());
        Verdict second = MissedHeartbeats.judge(both, Set.of(), T0.plusSeconds(15), null, first.missed());

        assertThat(second.lost()).containsExactly(id(early));
        assertThat(second.missed()).isEmpty();
    }

    @Test
    void aPlacementNewerThanWhatTheExecutorHasReadIsNotHeldAgainstIt() {
        // read the cluster's events up to 19.5 s: the late placement (20 s) may still be on its way, however late
        // the heartbeats are sent or read
        Instant seenUntil = T0.plusMillis(19_500);
        Verdict first = MissedHeartbeats.judge(both, Set.of(), T0.plusSeconds(60), seenUntil, Set.of());
        Verdict second = MissedHeartbeats.judge(both, Set.of(), T0.plusSeconds(70), seenUntil, first.missed());

        assertThat(second.lost()).containsExactly(id(early));
        assertThat(second.missed()).isEmpty();
    }

    @Test
    void aPlacementWithinTheSlackOfWhatWasReadIsNotHeldAgainstItYet() {
        Instant justAfterTheLateStart = T0.plusSeconds(20).plus(MissedHeartbeats.PLACEMENT_SLACK).minusMillis(1);
        Verdict first = MissedHeartbeats.judge(List.of(late), Set.of(), T0.plusSeconds(60), justAfterTheLateStart,
                Set.of());
        assertThat(first.missed()).isEmpty();

        Instant wellAfter = T0.plusSeconds(20).plus(MissedHeartbeats.PLACEMENT_SLACK);
        assertThat(MissedHeartbeats.judge(List.of(late), Set.of(), T0.plusSeconds(60), wellAfter, Set.of()).missed())
                .containsExactly(id(late));
    }

    @Test
    void whatTheExecutorSaysItHasReadCountsNoFurtherThanWhenItSentTheHeartbeat() {
        Instant future = T0.plus(java.time.Duration.ofDays(1));
        Verdict verdict = MissedHeartbeats.judge(both, Set.of(), T0.plusSeconds(15), future, Set.of());

        assertThat(verdict.missed()).containsExactly(id(early));
    }

    private static RunningDeployment running(Instant startedAt) {
        return new RunningDeployment(new QueuedDeployment(UUID.randomUUID(), Priority.LOW, startedAt.minusSeconds(1),
                ONE_CPU), startedAt);
    }

    private static UUID id(RunningDeployment running) {
        return running.deployment().id();
    }
}
