package dev.hypervisor.scheduler.service;

import dev.hypervisor.common.deployment.DeploymentStatus;
import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.common.security.PlatformRole;
import dev.hypervisor.runtime.security.Caller;
import dev.hypervisor.common.event.DeploymentStatusReported;
import dev.hypervisor.scheduler.domain.ClusterQueue;
import dev.hypervisor.scheduler.persistence.DeploymentRecord;
import dev.hypervisor.scheduler.persistence.DeploymentRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The ends of a deployment's life: reported completions and failures, and cancellations. Each ends the
 * deployment in one transaction with its event; a failure or cancellation also fails every pending deployment
 * that depends on it. Its claim is released with the cluster's next ledger batch, and that pass starts at once,
 * since capacity is free.
 */
@ApplicationScoped
public class DeploymentLifecycle {

    private final ClusterQueues queues;
    private final DeploymentRepository deployments;
    private final DeploymentEvents events;
    private final SchedulingLoop loop;
    private final Clock clock;

    public DeploymentLifecycle(ClusterQueues queues, DeploymentRepository deployments, DeploymentEvents events,
                               SchedulingLoop loop, Clock clock) {
        this.queues = queues;
        this.deployments = deployments;
        this.events = events;
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

    /**
     * Status reports from the status topic, by cluster, applied within a change of those clusters; a report on a
     * deployment that is not running (any more) changes nothing, so of the reports on one deployment only the
     * first is applied. Answers, by cluster, the deployments that ended, whose claims the caller has released once
     * the change commits. The reports of completion (what executors report most) end their deployments in one
     * statement for all the clusters, ahead of the failures: the order between different deployments changes
     * nothing.
     */
    public Map<UUID, List<UUID>> endReportedWithin(Map<UUID, ClusterQueue> queues,
                                                   Map<UUID, List<DeploymentStatusReported>> reports) {
        Instant now = clock.instant();
        Set<UUID> reported = new HashSet<>();
        List<DeploymentStatusReported> completing = new ArrayList<>();
        List<DeploymentStatusReported> failing = new ArrayList<>();
        reports.values().forEach(clusterReports -> clusterReports.forEach(report -> {
            boolean completes = report.status() == DeploymentStatus.COMPLETED;
            if ((completes || report.status() == DeploymentStatus.FAILED) && reported.add(report.deploymentId())) {
                if (completes) {
                    completing.add(report);
                } else {
                    failing.add(report);
                }
            }
        }));
        Map<UUID, List<UUID>> ended = new HashMap<>();
        for (DeploymentStatusReported completed : complete(queues, completing, now)) {
            ended.computeIfAbsent(completed.clusterId(), cluster -> new ArrayList<>()).add(completed.deploymentId());
        }
        for (DeploymentStatusReported report : failing) {
            if (end(queues.get(report.clusterId()), report.deploymentId(), report.status(), report.message(), now)) {
                ended.computeIfAbsent(report.clusterId(), cluster -> new ArrayList<>()).add(report.deploymentId());
            }
        }
        return ended;
    }

    /** Ends the reported deployments that are running as COMPLETED, with their messages; answers their reports. */
    private List<DeploymentStatusReported> complete(Map<UUID, ClusterQueue> queues,
                                                    Collection<DeploymentStatusReported> reports, Instant now) {
        if (reports.isEmpty()) {
            return List.of();
        }
        Map<UUID, DeploymentStatusReported> byDeployment = new HashMap<>();
        Map<UUID, String> messages = new HashMap<>(); // a message may be null
        reports.forEach(report -> {
            byDeployment.put(report.deploymentId(), report);
            messages.put(report.deploymentId(), report.message());
        });
        List<DeploymentStatusReported> completed = new ArrayList<>();
        for (UUID id : deployments.complete(messages, now)) {
            DeploymentStatusReported report = byDeployment.get(id);
            events.completed(id, report.clusterId(), report.message(), now);
            queues.get(report.clusterId()).complete(id);
            completed.add(report);
        }
        return completed;
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
        loop.release(clusterId, wasRunning ? List.of(id) : List.of());
        return deployments.find(id).orElseThrow();
    }

    private Optional<DeploymentRecord> report(DeploymentRecord deployment, DeploymentStatus status, String message) {
        if (status != DeploymentStatus.COMPLETED && status != DeploymentStatus.FAILED) {
            throw ProblemException.conflict("a status report says COMPLETED or FAILED, not " + status);
        }
        UUID id = deployment.id();
        UUID clusterId = deployment.clusterId();
        Instant now = clock.instant();
        boolean ended = queues.change(clusterId, queue -> end(queue, id, status, message, now));
        if (!ended) {
            return Optional.empty();
        }
        loop.release(clusterId, List.of(id));
        return deployments.find(id);
    }

    /** Ends a running deployment as reported, in the caller's transaction; false when it was not running. */
    private boolean end(ClusterQueue queue, UUID id, DeploymentStatus status, String message, Instant now) {
        UUID clusterId = queue.clusterId();
        if (status == DeploymentStatus.COMPLETED) {
            return !complete(Map.of(clusterId, queue),
                    List.of(new DeploymentStatusReported(id, clusterId, status, message)), now).isEmpty();
        }
        if (deployments.finish(List.of(id), EnumSet.of(DeploymentStatus.RUNNING), status, message, now).isEmpty()) {
            return false;
        }
        events.failed(List.of(id), clusterId, "REPORTED", message, now);
        failDependents(clusterId, queue.end(id), "dependency " + id + " failed", now);
        return true;
    }

    private void failDependents(UUID clusterId, List<UUID> dependents, String reason, Instant now) {
        if (dependents.isEmpty()) {
            return;
        }
        deployments.finish(dependents, EnumSet.of(DeploymentStatus.PENDING), DeploymentStatus.FAILED, reason, now);
        events.failed(dependents, clusterId, "DEPENDENCY_FAILED", reason, now);
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
