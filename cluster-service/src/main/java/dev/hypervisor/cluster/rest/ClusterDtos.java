package dev.hypervisor.cluster.rest;

import dev.hypervisor.cluster.domain.ConsumerType;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.hypervisor.cluster.domain.Preemption;
import dev.hypervisor.cluster.persistence.ExecutorLeaseRepository.ExecutorLease;
import dev.hypervisor.cluster.service.ClusterService.ClusterState;
import dev.hypervisor.common.resources.Resources;
import dev.hypervisor.common.time.DurationText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The bodies of the cluster and ledger endpoints. */
final class ClusterDtos {

    private ClusterDtos() {
    }

    record CreateClusterRequest(
            @NotBlank @Size(max = 100) String name,
            @NotNull UUID organizationId,
            @NotNull Resources capacity,
            UUID poolId,
            Preemption preemption,
            @Schema(description = "how long a preempted deployment may take to checkpoint and stop before its"
                    + " capacity goes to its preemptor: 0s to 10m, default 0s", example = "30s")
            String preemptionGracePeriod) {
    }

    /** Every field is optional; a resize ({@code capacity}) needs {@code If-Match}. */
    record ChangeClusterRequest(
            @Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
            Resources capacity,
            Preemption preemption,
            String preemptionGracePeriod) {
    }

    record ClusterView(UUID id, String name, UUID organizationId, UUID creatorId, Instant createdAt,
                       Resources capacity, Resources allocated, Resources available, Preemption preemption,
                       String preemptionGracePeriod, long generation, UUID poolId,
                       @JsonInclude(JsonInclude.Include.NON_NULL) ExecutorView executor) {

        static ClusterView of(ClusterState state) {
            return of(state, null);
        }

        /** The cluster with the executor that serves it, once one has sent a heartbeat (null: none has). */
        static ClusterView of(ClusterState state, ExecutorView executor) {
            return new ClusterView(state.cluster().id(), state.cluster().name(), state.cluster().organizationId(),
                    state.cluster().creatorId(), state.cluster().createdAt(), state.capacity(), state.allocated(),
                    state.available(), state.cluster().preemption(),
                    DurationText.format(state.cluster().preemptionGracePeriod()), state.cluster().generation(),
                    state.cluster().poolId(), executor);
        }
    }

    /** Who serves the cluster: its last heartbeat, and when its lease runs out without another. */
    record ExecutorView(String id, Instant lastHeartbeatAt, Instant leaseExpiresAt) {

        static ExecutorView of(ExecutorLease lease, Duration length) {
            return new ExecutorView(lease.executorId(), lease.lastHeartbeatAt(),
                    lease.lastHeartbeatAt().plus(length));
        }
    }

    record ClaimRequest(@NotNull Resources resources, ConsumerType consumerType, @Size(max = 200) String reason) {
    }

    /** A claim; {@code claimedAt} is when it was first made (the answer to a claim leaves it out). */
    record ClaimView(UUID clusterId, UUID consumerId, ConsumerType consumerType, Resources resources,
                     Instant claimedAt) {
    }

    record BatchClaim(@NotNull UUID clusterId, @NotNull UUID consumerId, @NotNull Resources resources,
                      ConsumerType consumerType) {
    }

    record BatchRelease(@NotNull UUID clusterId, @NotNull UUID consumerId) {
    }

    record BatchRequest(
            @Valid @Size(max = 1000) List<@NotNull BatchClaim> claims,
            @Valid @Size(max = 1000) List<@NotNull BatchRelease> releases,
            @Size(max = 200) String reason) {
    }

    record BatchResult(List<BatchClaim> claims, List<BatchRelease> releases) {
    }

    /**
     * One journal row: a consumer's claim changed (CLAIM: it holds something afterwards; RELEASE: nothing), or the
     * cluster's capacity (RESIZE). {@code changes} are signed quantities per resource, {@code amounts} the exact
     * signed numbers.
     */
    record JournalEntry(long seq, UUID changeId, String kind, UUID consumerId, Map<String, String> changes,
                        Map<String, Long> amounts, String actor, String reason, Instant recordedAt) {
    }
}
