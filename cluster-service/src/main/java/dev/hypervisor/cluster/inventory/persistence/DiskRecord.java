package dev.hypervisor.cluster.inventory.persistence;

import java.time.Instant;
import java.util.UUID;

/** A VM's disk as stored; {@code partitionedBytes} is how much of it its partitions take. */
public record DiskRecord(UUID id, UUID organizationId, UUID vmId, UUID storageDeviceId, long sizeBytes,
                         long partitionedBytes, long version, Instant createdAt, Instant updatedAt) {
}
