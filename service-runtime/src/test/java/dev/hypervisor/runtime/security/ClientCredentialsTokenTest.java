package dev.hypervisor.runtime.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClientCredentialsTokenTest {

    private final AtomicInteger grants = new AtomicInteger();
    private Instant now = Instant.parse("2026-12-06T10:00:00Z");
    private final ClientCredentialsToken token = new ClientCredentialsToken(
            () -> new ClientCredentialsToken.Grant("token-" + grants.incrementAndGet(), 900), new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now;
                }
            });

    @Test
    void aTokenIsUsedUntilAMinuteBeforeItExpires() {
        assertThat(token.bearer()).isEqualTo("Bearer token-1");
        now = now.plus(Duration.ofMinutes(13)).plusSeconds(59);
        assertThat(token.bearer()).isEqualTo("Bearer token-1");
        now = now.plusSeconds(1);
        assertThat(token.bearer()).isEqualTo("Bearer token-2");
    }

    @Test
    void aRefusedTokenIsObtainedAgain() {
        assertThat(token.bearer()).isEqualTo("Bearer token-1");
        token.invalidate();
        assertThat(token.bearer()).isEqualTo("Bearer token-2");
        assertThat(grants).hasValue(2);
    }
}
