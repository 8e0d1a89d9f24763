package dev.hypervisor.cluster.persistence;

import dev.hypervisor.cluster.domain.Preemption;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A cluster as stored; its capacity lives in the ledger's inventories under the same id. A cluster carved from a
 * pool ({@code poolId}, else null) also claims its CPU and memory from that pool. {@code preemptionGracePeriod} is how
 * long a deployment preempted there may take to stop ({@link dev.hypervisor.cluster.domain.PreemptionGrace}).
 */
public record ClusterRecord(UUID id, UUID organizationId, String name, UUID creatorId, Preemption preemption,
                            long generation, Instant createdAt, UUID poolId, Duration preemptionGracePeriod) {
}
