package dev.hypervisor.identity.persistence;

import java.time.Instant;
import java.util.UUID;

/** An organization as stored. */
public record OrganizationRecord(UUID id, String name, UUID createdBy, Instant createdAt) {
}
