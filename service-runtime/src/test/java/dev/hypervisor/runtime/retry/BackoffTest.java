package dev.hypervisor.runtime.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private final Backoff<String> backoff = new Backoff<>(Duration.ofMillis(500), Duration.ofSeconds(15));

    @Test
    void eachFailureInARowDoublesTheWaitUpToTheLongest() {
        assertThat(backoff.failed("a", NOW)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.failed("a", NOW)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.failed("a", NOW)).isEqualTo(Duration.ofSeconds(2));
        for (int i = 0; i < 40; i++) {
            backoff.failed("a", NOW);
        }
        assertThat(backoff.failed("a", NOW)).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void waitsUntilTheRetryTimeThenLetsTheNextAttemptThrough() {
        backoff.failed("a", NOW);
        backoff.failed("a", NOW);

        assertThat(backoff.waiting("a", NOW.plusMillis(999))).isTrue();
        assertThat(backoff.waiting("a", NOW.plusSeconds(1))).isFalse();
        assertThat(backoff.retryAt("a")).contains(NOW.plusSeconds(1));
    }

    @Test
    void aSuccessForgetsTheFailuresAndKeysAreIndependent() {
        backoff.failed("a", NOW);
        backoff.failed("a", NOW);
        backoff.failed("b", NOW);

        backoff.succeeded("a");

        assertThat(backoff.waiting("a", NOW)).isFalse();
        assertThat(backoff.failed("a", NOW)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.waiting("b", NOW.plusMillis(100))).isTrue();
    }

    @Test
    void refusesAWaitThatCouldNotGrow() {
        assertThatThrownBy(() -> new Backoff<String>(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff<String>(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
