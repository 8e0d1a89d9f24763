package dev.hypervisor.identity.persistence;

import dev.hypervisor.common.security.OrgRole;
import java.time.Instant;
import java.util.UUID;

/** An invite as stored: its code only as a hash, and sealed for the standing invite. */
public record InviteRecord(UUID id, UUID organizationId, byte[] codeHash, byte[] sealedCode, boolean standing,
                           OrgRole role, int maxUses, int uses, Instant expiresAt, Instant revokedAt, UUID createdBy,
                           Instant createdAt) {
}
