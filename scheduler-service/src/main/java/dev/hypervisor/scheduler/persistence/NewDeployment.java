package dev.hypervisor.scheduler.persistence;

import dev.hypervisor.scheduler.domain.Deployment;

/**
 * A deployment to store: the record, the idempotency key it was requested with (null when none), and the
 * fingerprint of its request (to tell a retry from another request under the same key).
 */
public record NewDeployment(Deployment deployment, String idempotencyKey, String requestHash) {
}
