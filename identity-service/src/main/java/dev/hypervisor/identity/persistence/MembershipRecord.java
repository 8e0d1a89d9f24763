package dev.hypervisor.identity.persistence;

import dev.hypervisor.common.security.OrgRole;
import java.time.Instant;
import java.util.UUID;

/** A member of an organization, with the username beside it for display. */
public record MembershipRecord(UUID organizationId, UUID userId, String username, OrgRole role, Instant joinedAt) {
}
