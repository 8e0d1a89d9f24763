package dev.hypervisor.identity.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user as stored. */
public record UserRecord(UUID id, String username, String email, String passwordHash, List<String> platformRoles,
                         Instant createdAt) {
}
