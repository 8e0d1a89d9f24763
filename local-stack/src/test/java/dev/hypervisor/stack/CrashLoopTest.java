package dev.hypervisor.stack;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CrashLoopTest {

    private static final Instant START = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void aServiceThatStopsNowAndThenIsStartedAgainEveryTime() {
        CrashLoop crashes = new CrashLoop();
        for (int i = 0; i < 20; i++) {
            Instant when = START.plus(CrashLoop.WINDOW.multipliedBy(i)).plusSeconds(1);
            assertThatCode(() -> crashes.stoppedAt(when, "scheduler-service")).doesNotThrowAnyException();
        }
    }

    @Test
    void stoppingTheLimitOfTimesWithinTheWindowIsACrashLoop() {
        CrashLoop crashes = new CrashLoop();
        for (int i = 0; i < CrashLoop.LIMIT - 1; i++) {
            crashes.stoppedAt(START.plusSeconds(i * 10L), "scheduler-service");
        }
        assertThatThrownBy(() -> crashes.stoppedAt(START.plusSeconds(60), "scheduler-service"))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("scheduler-service stopped on its own 5 times within 5 minutes");
    }
}
