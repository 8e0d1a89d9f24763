package dev.hypervisor.common.event;

import java.util.Objects;
import java.util.UUID;

/**
 * A request the intake refused, with the same stable {@code code} and reason an HTTP caller would get
 * (for example {@code EXCEEDS_CLUSTER_CAPACITY}).
 */
public record DeploymentRejected(
        UUID deploymentId,
        UUID clusterId,
        String code,
        String reason) implements DeploymentEvent {

    public DeploymentRejected {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(code, "code");
    }
}
