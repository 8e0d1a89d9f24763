package dev.hypervisor.scheduler.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hypervisor.common.problem.InvalidFieldException;
import dev.hypervisor.common.resources.Resources;
import dev.hypervisor.scheduler.domain.QueueQuota;
import dev.hypervisor.scheduler.persistence.Queue;
import dev.hypervisor.scheduler.quotas.QueueQuotas.QueueState;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** The JSON shapes of a cluster's queues. */
final class QueueDtos {

    private QueueDtos() {
    }

    /** {@code PUT /api/v1/clusters/{id}/queues/{name}}: the queue whole. */
    record QueueRequest(
            @NotNull Resources quota,
            Resources borrowingLimit,
            Resources lendingLimit,
            Double weight,
            @Size(max = 1000) List<@NotNull UUID> members,
            @JsonProperty("default") Boolean isDefault) {

        QueueQuota toQuota(String name) {
            double given = weight == null ? 1 : weight;
            if (!(given > 0) || given > 1_000_000 || Double.isInfinite(given)) {
                throw new InvalidFieldException("weight", "is a number above 0 (at most 1,000,000)");
            }
            return new QueueQuota(name, quota, borrowingLimit, lendingLimit, given);
        }

        List<UUID> memberList() {
            return members == null ? List.of() : List.copyOf(members);
        }

        boolean isDefaultQueue() {
            return Boolean.TRUE.equals(isDefault);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record QueueView(String name, Resources quota, Resources borrowingLimit, Resources lendingLimit, double weight,
                     List<UUID> members, @JsonProperty("default") boolean isDefault, Resources usage,
                     Resources borrowed, int running, int pending, double share, boolean overcommitted) {

        static QueueView of(QueueState state) {
            Queue queue = state.queue();
            QueueQuota quota = queue.quota();
            return new QueueView(queue.name(), quota.quota(), quota.borrowingLimit(), quota.lendingLimit(),
                    quota.weight(), queue.members().isEmpty() ? null : queue.members(), queue.isDefault(),
                    state.status().usage(), state.status().borrowed(), state.status().running(),
                    state.status().pending(), state.status().share(), state.overcommitted());
        }
    }

    record QueueList(UUID clusterId, List<QueueView> items) {
    }
}
