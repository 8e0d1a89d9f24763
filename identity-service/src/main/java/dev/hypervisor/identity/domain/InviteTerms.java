package dev.hypervisor.identity.domain;

import java.time.Instant;

/**
 * What an invite allows: how many uses it has and has had, until when, and whether it was revoked. The one place
 * that says when an invite can be used.
 */
public record InviteTerms(int maxUses, int uses, Instant expiresAt, Instant revokedAt) {

    /** Not revoked, not expired, and a use left. */
    public boolean usableAt(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now) && uses < maxUses;
    }
}
