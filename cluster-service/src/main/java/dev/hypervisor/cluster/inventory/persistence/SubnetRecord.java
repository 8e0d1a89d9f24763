package dev.hypervisor.cluster.inventory.persistence;

import dev.hypervisor.cluster.inventory.domain.Subnet;
import java.time.Instant;
import java.util.UUID;

/** A subnet of a data center as stored. */
public record SubnetRecord(UUID id, UUID dataCenterId, int vlan, Subnet cidr, long version, Instant createdAt,
                           Instant updatedAt) {
}
