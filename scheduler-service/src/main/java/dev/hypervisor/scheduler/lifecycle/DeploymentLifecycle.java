package dev.hypervisor.scheduler.lifecycle;

import dev.hypervisor.common.deployment.DeploymentStatus;
import dev.hypervisor.common.deployment.ReportedStatus;
import dev.hypervisor.common.event.DeploymentStatusReported;
import dev.hypervisor.common.problem.InvalidFieldException;
import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.common.security.PlatformRole;
import dev.hypervisor.runtime.security.Caller;
import dev.hypervisor.scheduler.domain.ClusterQueue;
import dev.hypervisor.scheduler.domain.Deployment;
import dev.hypervisor.scheduler.domain.StatusChange;
import dev.hypervisor.scheduler.messaging.DeploymentEvents;
import dev.hypervisor.scheduler.persistence.DeploymentRepository;
import dev.hypervisor.scheduler.queue.ClusterChange;
import dev.hypervisor.scheduler.queue.ClusterChanges;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The ends of a deployment's life: reported completions and failures, cancellations, run-time limits and lost
 * executors (and the reported stops of graceful preemptions, {@link GracefulPreemptions}); a failure, time-out or
 * lost executor that the deployment's retry policy covers sends it back to waiting instead ({@link Retries}).
 * Each ends the deployment in a change of its cluster, with its event; a failure or cancellation also fails every
 * pending deployment that depends on it. Its claim is released with the cluster's next ledger batch, and that pass
 * starts at once when deployments wait, since capacity is free.
 */
@ApplicationScoped
public class DeploymentLifecycle {

    private static final String TIMED_OUT = "ran longer than its maxRunDuration";

    private final ClusterChanges changes;
    private final DeploymentRepository deployments;
    private final DeploymentEvents events;
    private final Retries retries;
    private final GracefulPreemptions preemptions;
    private final Clock clock;

    public DeploymentLifecycle(ClusterChanges changes, DeploymentRepository deployments, DeploymentEvents events,
                               Retries retries, GracefulPreemptions preemptions, Clock clock) {
        this.changes = changes;
        this.deployments = deployments;
        this.events = events;
        this.retries = retries;
        this.preemptions = preemptions;
        this.clock = clock;
    }

    /**
     * A status report through the API: from an executor ({@code agent}) or a DEVELOPER or above. {@code status} is
     * what the request said: COMPLETED, FAILED or STOPPED; a deployment's other statuses are not reports (409).
     */
    public Deployment report(Caller caller, UUID id, String status, String message) {
        Deployment deployment = visible(caller, id);
        if (!caller.hasPlatformRole(PlatformRole.AGENT)) {
            caller.requireRole(deployment.organizationId(), OrgRole.DEVELOPER, "deployment " + id);
        }
        ReportedStatus reported = reportedStatus(status);
        UUID clusterId = deployment.clusterId();
        try (ClusterChange change = changes.open(List.of(clusterId))) {
            boolean applied = reported == ReportedStatus.STOPPED
                    ? preemptions.stopWithin(change, Map.of(clusterId, List.of(id))) > 0
                    : end(change, new DeploymentStatusReported(id, clusterId, reported, message), clock.instant());
            if (!applied) {
                throw refused(id, switch (reported) {
                    case COMPLETED -> StatusChange.COMPLETED;
                    case FAILED -> StatusChange.FAILED;
                    case STOPPED -> StatusChange.STOPPED;
                }, "reported " + reported);
            }
            change.commit();
        }
        return deployments.find(id).orElseThrow();
    }

    /** The report's status; 409 for a deployment status that is not a report, 422 for anything else. */
    private static ReportedStatus reportedStatus(String status) {
        try {
            return ReportedStatus.valueOf(status);
        } catch (IllegalArgumentException notAReport) {
            try {
                DeploymentStatus.valueOf(status);
            } catch (IllegalArgumentException notAStatus) {
                throw new InvalidFieldException("status", "is COMPLETED, FAILED or STOPPED");
            }
            throw ProblemException.conflict("a status report says COMPLETED, FAILED or STOPPED, not " + status);
        }
    }

    /**
     * Status reports from the status topic, by cluster, applied within a change of those clusters; a report on a
     * deployment that is not running (any more) changes nothing, so of the reports on one deployment only the
     * first is applied. The reports of completion (what executors report most) end their deployments in one
     * statement for all the clusters, ahead of the failures: the order between different deployments changes
     * nothing. The deployments that ended have their claims released once the change commits.
     */
    public void endReportedWithin(ClusterChange change, Map<UUID, List<DeploymentStatusReported>> reports) {
        Instant now = clock.instant();
        Set<UUID> reported = new HashSet<>();
        List<DeploymentStatusReported> completing = new ArrayList<>();
        List<DeploymentStatusReported> failing = new ArrayList<>();
        Map<UUID, List<UUID>> stopped = new HashMap<>();
        reports.values().forEach(clusterReports -> clusterReports.forEach(report -> {
            if (!reported.add(report.deploymentId())) {
                return;
            }
            switch (report.status()) {
                case COMPLETED -> completing.add(report);
                case FAILED -> failing.add(report);
                case STOPPED -> stopped.computeIfAbsent(report.clusterId(), cluster -> new ArrayList<>())
                        .add(report.deploymentId());
            }
        }));
        complete(change, completing, now);
        failing.forEach(report -> end(change, report, now));
        preemptions.stopWithin(change, stopped);
    }

    /** Cancels a pending or running deployment (DEVELOPER or above). */
    public Deployment cancel(Caller caller, UUID id) {
        Deployment deployment = visible(caller, id);
        caller.requireRole(deployment.organizationId(), OrgRole.DEVELOPER, "deployment " + id);
        UUID clusterId = deployment.clusterId();
        Instant now = clock.instant();
        try (ClusterChange change = changes.open(List.of(clusterId))) {
            ClusterQueue queue = change.queue(clusterId);
            if (deployments.change(StatusChange.CANCELLED, List.of(id), "cancelled by " + caller.subject(), now)
                    .isEmpty()) {
                throw refused(id, StatusChange.CANCELLED, "cancelled");
            }
            if (queue.isRunning(id)) {
                change.releaseLater(clusterId, List.of(id));
            }
            events.cancelled(id, clusterId, caller.isUser() ? caller.userId() : null, now);
            failDependents(clusterId, queue.end(id), "dependency " + id + " was cancelled", now);
            change.commit();
        }
        return deployments.find(id).orElseThrow();
    }

    /**
     * Ends the deployments that ran past their deadline ({@code due}, by cluster) as FAILED, {@code TIMED_OUT},
     * within the change; those no longer running are left as they are. Answers how many ended.
     */
    public int timeOutWithin(ClusterChange change, Map<UUID, List<UUID>> due) {
        return failWithin(change, due, StatusChange.TIMED_OUT, TIMED_OUT, TIMED_OUT);
    }

    /**
     * Ends the deployments ({@code lost}, by cluster) whose executor was lost as FAILED, {@code EXECUTOR_LOST}
     * (or retries them, as their policy says), within the change; answers how many ended.
     */
    public int loseWithin(ClusterChange change, Map<UUID, List<UUID>> lost, String message) {
        return failWithin(change, lost, StatusChange.EXECUTOR_LOST, message, "lost its executor");
    }

    /**
     * Ends the deployments (by cluster) with the failing change, or retries those whose policy says so after its
     * reason; those no longer running are left as they are. {@code dependencyFailure} says what happened to a
     * dependency, for its dependents' message.
     */
    private int failWithin(ClusterChange change, Map<UUID, List<UUID>> due, StatusChange failing, String message,
                           String dependencyFailure) {
        Instant now = clock.instant();
        int ended = 0;
        String reason = failing.failureReason();
        Map<UUID, List<Deployment>> found = new HashMap<>(); // one read for all the clusters
        deployments.findAll(due.values().stream().flatMap(List::stream).toList()).forEach(deployment ->
                found.computeIfAbsent(deployment.clusterId(), cluster -> new ArrayList<>()).add(deployment));
        for (Map.Entry<UUID, List<UUID>> ofCluster : due.entrySet()) {
            UUID clusterId = ofCluster.getKey();
            ClusterQueue queue = change.queue(clusterId);
            List<UUID> ending = new ArrayList<>(ofCluster.getValue());
            ending.removeAll(retries.retryWhereAllowed(change, clusterId, found.getOrDefault(clusterId, List.of()),
                    reason, message, now));
            List<UUID> failed = deployments.change(failing, ending, message, now);
            events.failed(failed, clusterId, reason, message, now);
            for (UUID id : failed) {
                failDependents(clusterId, queue.end(id), "dependency " + id + " " + dependencyFailure, now);
            }
            change.releaseLater(clusterId, failed);
            ended += failed.size();
        }
        return ended;
    }

    /** Ends the reported deployment if it is running, within the change; false when it was not running. */
    private boolean end(ClusterChange change, DeploymentStatusReported report, Instant now) {
        if (report.status() == ReportedStatus.COMPLETED) {
            return !complete(change, List.of(report), now).isEmpty();
        }
        UUID id = report.deploymentId();
        UUID clusterId = report.clusterId();
        ClusterQueue queue = change.queue(clusterId);
        if (!retries.retryWhereAllowed(change, clusterId, deployments.findAll(List.of(id)),
                StatusChange.FAILED.failureReason(), report.message(), now).isEmpty()) {
            return true;
        }
        if (deployments.change(StatusChange.FAILED, List.of(id), report.message(), now).isEmpty()) {
            return false;
        }
        events.failed(List.of(id), clusterId, "REPORTED", report.message(), now);
        failDependents(clusterId, queue.end(id), "dependency " + id + " failed", now);
        change.releaseLater(clusterId, List.of(id));
        return true;
    }

    /** Ends the reported deployments that are running as COMPLETED, with their messages; answers those. */
    private List<UUID> complete(ClusterChange change, List<DeploymentStatusReported> reports, Instant now) {
        if (reports.isEmpty()) {
            return List.of();
        }
        Map<UUID, DeploymentStatusReported> byDeployment = new HashMap<>();
        Map<UUID, String> messages = new HashMap<>(); // a message may be null
        reports.forEach(report -> {
            byDeployment.put(report.deploymentId(), report);
            messages.put(report.deploymentId(), report.message());
        });
        List<UUID> completed = deployments.complete(messages, now);
        for (UUID id : completed) {
            DeploymentStatusReported report = byDeployment.get(id);
            events.completed(id, report.clusterId(), report.message(), now);
            change.queue(report.clusterId()).complete(id);
            change.releaseLater(report.clusterId(), List.of(id));
        }
        return completed;
    }

    private void failDependents(UUID clusterId, List<UUID> dependents, String reason, Instant now) {
        if (dependents.isEmpty()) {
            return;
        }
        deployments.change(StatusChange.DEPENDENCY_FAILED, dependents, reason, now);
        events.failed(dependents, clusterId, "DEPENDENCY_FAILED", reason, now);
    }

    private Deployment visible(Caller caller, UUID id) {
        Deployment deployment = deployments.find(id).orElseThrow(() -> ProblemException.notFound("deployment " + id));
        if (!caller.hasPlatformRole(PlatformRole.AGENT) && caller.roleIn(deployment.organizationId()).isEmpty()) {
            throw ProblemException.notFound("deployment " + id);
        }
        return deployment;
    }

    /** 409: the deployment is not in a status the change moves from. */
    private ProblemException refused(UUID id, StatusChange change, String what) {
        DeploymentStatus now = deployments.find(id).map(Deployment::status).orElseThrow();
        return ProblemException.conflict("deployment " + id + " is " + now + "; only a " + change.fromInWords()
                + " deployment can be " + what);
    }
}
