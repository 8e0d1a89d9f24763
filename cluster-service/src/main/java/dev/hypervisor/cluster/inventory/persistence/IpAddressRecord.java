package dev.hypervisor.cluster.inventory.persistence;

import dev.hypervisor.cluster.inventory.domain.IpAddress;
import java.time.Instant;
import java.util.UUID;

/** An address of a subnet as stored; attached to a VM (and its organization) or reserved by the platform. */
public record IpAddressRecord(UUID id, UUID subnetId, IpAddress address, UUID vmId, UUID organizationId,
                              long version, Instant createdAt, Instant updatedAt) {
}
