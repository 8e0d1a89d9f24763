package dev.hypervisor.cluster.inventory.persistence;

import dev.hypervisor.cluster.inventory.domain.VmStatus;
import java.time.Instant;
import java.util.UUID;

/** A virtual machine as stored: its size is what it claims of its pool. */
public record VmRecord(UUID id, UUID organizationId, UUID poolId, String name, String instanceType, VmStatus status,
                       long cpuMillis, long memoryBytes, UUID osId, String customOs, UUID ownerId, long version,
                       Instant createdAt, Instant updatedAt) {
}
