package dev.hypervisor.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InviteTermsTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @Test
    void anInviteWithUsesLeftBeforeItsExpiryCanBeUsed() {
        assertThat(new InviteTerms(3, 2, NOW.plusSeconds(1), null).usableAt(NOW)).isTrue();
    }

    @Test
    void anInviteUsedUpExpiredOrRevokedCannot() {
        assertThat(new InviteTerms(3, 3, NOW.plusSeconds(60), null).usableAt(NOW)).as("used up").isFalse();
        assertThat(new InviteTerms(3, 0, NOW, null).usableAt(NOW)).as("expiring now").isFalse();
        assertThat(new InviteTerms(3, 0, NOW.plusSeconds(60), NOW.minusSeconds(1)).usableAt(NOW)).as("revoked")
                .isFalse();
    }
}
