package dev.hypervisor.cluster.inventory.persistence;

import dev.hypervisor.cluster.inventory.domain.Filesystem;
import java.time.Instant;
import java.util.UUID;

/** A partition of a disk as stored. */
public record PartitionRecord(UUID id, UUID organizationId, UUID diskId, long sizeBytes, Filesystem filesystem,
                              long version, Instant createdAt, Instant updatedAt) {
}
