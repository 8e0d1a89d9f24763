package dev.hypervisor.scheduler.persistence;

import dev.hypervisor.common.deployment.DeploymentStatus;
import dev.hypervisor.common.deployment.Priority;
import java.util.Optional;
import java.util.UUID;

/** What a listing of deployments keeps: those of a cluster, in a status, of a priority, in a queue; or all. */
public record DeploymentFilter(Optional<UUID> clusterId, Optional<DeploymentStatus> status,
                               Optional<Priority> priority, Optional<String> queue) {
}
