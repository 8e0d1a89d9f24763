package dev.hypervisor.cluster.inventory.persistence;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A named group of an organization's VMs, with the VMs in it. */
public record SystemRecord(UUID id, UUID organizationId, String name, String description, List<UUID> vmIds,
                           long version, Instant createdAt, Instant updatedAt) {
}
