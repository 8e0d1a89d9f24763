package dev.hypervisor.identity.persistence;

import java.time.Instant;
import java.util.UUID;

/** A refresh token as stored: only its hash, its family (one login), and whether it was used or revoked. */
public record RefreshTokenRecord(UUID id, UUID familyId, UUID userId, byte[] tokenHash, Instant createdAt,
                                 Instant expiresAt, Instant usedAt, Instant revokedAt) {
}
