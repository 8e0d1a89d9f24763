package dev.hypervisor.scheduler.lifecycle;

import dev.hypervisor.common.deployment.DeploymentStatus;
import dev.hypervisor.scheduler.domain.Deployment;
import dev.hypervisor.scheduler.messaging.DeploymentEvents;
import dev.hypervisor.scheduler.persistence.DeploymentRepository;
import dev.hypervisor.scheduler.queue.ClusterChange;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Running deployments whose attempt ended without completing, and whose retry policy allows another: within the
 * change, each goes back to waiting (keeping its priority and submission time, so its place), with a
 * {@code DeploymentRetried} event, and its claim is released with the cluster's next ledger batch. The others are
 * left for the caller to end.
 */
@ApplicationScoped
public class Retries {

    private final DeploymentRepository deployments;
    private final DeploymentEvents events;

    public Retries(DeploymentRepository deployments, DeploymentEvents events) {
        this.deployments = deployments;
        this.events = events;
    }

    /** Retries those of the deployments (of one cluster) whose policy allows it after {@code reason}; answers them. */
    public List<UUID> retryWhereAllowed(ClusterChange change, UUID clusterId, List<Deployment> ended, String reason,
                                        String message, Instant now) {
        List<Deployment> again = ended.stream()
                .filter(deployment -> (deployment.status() == DeploymentStatus.RUNNING
                        || deployment.status() == DeploymentStatus.PREEMPTING)
                        && deployment.retry().retriesAfter(reason, deployment.attempts()))
                .toList();
        if (again.isEmpty()) {
            return List.of();
        }
        List<UUID> retried = deployments.markRetried(again.stream().map(Deployment::id).toList());
        for (Deployment deployment : again) {
            if (retried.contains(deployment.id())) {
                events.retried(deployment, reason, message, now);
                change.queue(clusterId).requeue(deployment.id());
            }
        }
        change.releaseLater(clusterId, retried);
        return retried;
    }
}
