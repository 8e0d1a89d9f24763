package dev.hypervisor.scheduler.service;

import dev.hypervisor.common.deployment.DeploymentStatus;
import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.common.security.PlatformRole;
import dev.hypervisor.runtime.security.Caller;
import dev.hypervisor.scheduler.client.ClusterServiceClient;
import dev.hypervisor.scheduler.client.UpstreamException;
import dev.hypervisor.scheduler.persistence.DeploymentRecord;
import dev.hypervisor.scheduler.persistence.DeploymentRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The ends of a deployment's life: reported completions and failures, and cancellations. Each ends the
 * deployment in one transaction with its event; a failure or cancellation also fails every pending deployment
 * that depends on it; then the claim is released and the cluster's loop woken, since capacity is free.
 */
@ApplicationScoped
public class DeploymentLifecycle {

    private static final Logger LOG = Logger.getLogger(DeploymentLifecycle.class);

    private final ClusterQueues queues;
    private final DeploymentRepository deployments;
    private final DeploymentEvents events;
    private final ClusterServiceClient ledger;
    private final SchedulingLoop loop;
    private final Clock clock;

    public DeploymentLifecycle(ClusterQueues queues, DeploymentRepository deployments, DeploymentEvents events,
                               ClusterServiceClient ledger, SchedulingLoop loop, Clock clock) {
        this.queues = queues;
        this.deployments = deployments;
        this.events = events;
        this.ledger = ledger;
        this.loop = loop;
        this.clock = clock;
    }

    /** A status report through the API: from an executor ({@code agent}) or a DEVELOPER or above. */
    public DeploymentRecord report(Caller caller, UUID id, DeploymentStatus status, String message) {
        DeploymentRecord deployment = visible(caller, id);
        if (!caller.hasPlatformRole(PlatformRole.AGENT)) {
            caller.requireRole(deployment.organizationId(), OrgRole.DEVELOPER, "deployment " + id);
        }
        return report(deployment, status, message)
                .orElseThrow(() -> ProblemException.conflict("deployment " + id + " is " + current(id)
                        + "; only a RUNNING deployment can be reported " + status));
    }

    /** A status report from the status topic; a report on a deployment not running changes nothing. */
    public void reportEvent(UUID id, DeploymentStatus status, String message) {
        deployments.find(id).ifPresent(deployment -> report(deployment, status, message));
    }

    /** Cancels a pending or running deployment (DEVELOPER or above). */
    public DeploymentRecord cancel(Caller caller, UUID id) {
        DeploymentRecord deployment = visible(caller, id);
        caller.requireRole(deployment.organizationId(), OrgRole.DEVELOPER, "deployment " + id);
        UUID clusterId = deployment.clusterId();
        Instant now = clock.instant();
        boolean wasRunning = queues.change(clusterId, queue -> {
            List<UUID> ended = deployments.finish(List.of(id),
                    EnumSet.of(DeploymentStatus.PENDING, DeploymentStatus.RUNNING), DeploymentStatus.CANCELLED,
                    "cancelled by " + caller.subject(), now);
            if (ended.isEmpty()) {
                throw ProblemException.conflict("deployment " + id + " is " + current(id)
                        + "; only a PENDING or RUNNING deployment can be cancelled");
            }
            boolean running = queue.isRunning(id);
            events.cancelled(id, clusterId, caller.isUser() ? caller.userId() : null, now);
            failDependents(clusterId, queue.end(id), "dependency " + id + " was cancelled", now);
            return running;
        });
        afterEnd(clusterId, id, wasRunning);
        return deployments.find(id).orElseThrow();
    }

    private Optional<DeploymentRecord> report(DeploymentRecord deployment, DeploymentStatus status, String message) {
        if (status != DeploymentStatus.COMPLETED && status != DeploymentStatus.FAILED) {
            throw ProblemException.conflict("a status report says COMPLETED or FAILED, not " + status);
        }
        UUID id = deployment.id();
        UUID clusterId = deployment.clusterId();
        Instant now = clock.instant();
        boolean ended = queues.change(clusterId, queue -> {
            if (deployments.finish(List.of(id), EnumSet.of(DeploymentStatus.RUNNING), status, message, now)
                    .isEmpty()) {
                return false;
            }
            if (status == DeploymentStatus.COMPLETED) {
                events.completed(id, clusterId, message, now);
                queue.complete(id);
            } else {
                events.failed(List.of(id), clusterId, "REPORTED", message, now);
                failDependents(clusterId, queue.end(id), "dependency " + id + " failed", now);
            }
            return true;
        });
        if (!ended) {
            return Optional.empty();
        }
        afterEnd(clusterId, id, true);
        return deployments.find(id);
    }

    private void failDependents(UUID clusterId, List<UUID> dependents, String reason, Instant now) {
        if (dependents.isEmpty()) {
            return;
        }
        deployments.finish(dependents, EnumSet.of(DeploymentStatus.PENDING), DeploymentStatus.FAILED, reason, now);
        events.failed(dependents, clusterId, "DEPENDENCY_FAILED", reason, now);
    }

    /** Releases the claim of a deployment that held one, and lets the loop use what is free. */
    private void afterEnd(UUID clusterId, UUID id, boolean heldClaim) {
        if (heldClaim) {
            try {
                ledger.allocate(clusterId, Map.of(), List.of(id));
            } catch (UpstreamException e) {
                LOG.warnf("cluster %s: releasing the claim of %s failed (%s); the queue is rebuilt, which releases"
                        + " it", clusterId, id, e.getMessage());
                queues.forget(clusterId);
            }
        }
        loop.wake(clusterId);
    }

    private DeploymentRecord visible(Caller caller, UUID id) {
        DeploymentRecord deployment = deployments.find(id)
                .orElseThrow(() -> ProblemException.notFound("deployment " + id));
        if (!caller.hasPlatformRole(PlatformRole.AGENT) && caller.roleIn(deployment.organizationId()).isEmpty()) {
            throw ProblemException.notFound("deployment " + id);
        }
        return deployment;
    }

    private DeploymentStatus current(UUID id) {
        return deployments.find(id).map(DeploymentRecord::status).orElseThrow();
    }
}
