package dev.hypervisor.scheduler.query;

import dev.hypervisor.common.deployment.DeploymentStatus;
import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.problem.InvalidFieldException;
import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.common.resources.Resources;
import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.common.security.PlatformRole;
import dev.hypervisor.runtime.rest.Cursor;
import dev.hypervisor.runtime.rest.Page;
import dev.hypervisor.runtime.rest.PageRequest;
import dev.hypervisor.runtime.security.Caller;
import dev.hypervisor.scheduler.clusters.ClusterDirectory;
import dev.hypervisor.scheduler.domain.Deployment;
import dev.hypervisor.scheduler.domain.PendingReason;
import dev.hypervisor.scheduler.domain.QueueFilter;
import dev.hypervisor.scheduler.domain.QueuePage;
import dev.hypervisor.scheduler.domain.QueuedDeployment;
import dev.hypervisor.scheduler.domain.SchedulingPolicy;
import dev.hypervisor.scheduler.persistence.DeploymentFilter;
import dev.hypervisor.scheduler.persistence.DeploymentHistory;
import dev.hypervisor.scheduler.persistence.DeploymentRepository;
import dev.hypervisor.scheduler.queue.QueueCache;
import dev.hypervisor.scheduler.scheduling.SchedulingPass;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reading deployments and queues, with the reason each pending deployment waits. Reads never wait for a change
 * of the cluster ({@link QueueCache#current}).
 */
@ApplicationScoped
public class DeploymentQueries {

    /**
     * A deployment and, while it is pending, why, and when it would start at the latest (null when that cannot be
     * known).
     */
    public record Explained(Deployment deployment, Optional<PendingReason> pending, Instant estimatedStartAt) {

        /** A pending deployment as its cluster's queue explains it. */
        static Explained of(Deployment deployment, QueuePage.Waiting waiting) {
            return new Explained(deployment, Optional.ofNullable(waiting.reason()), waiting.estimatedStartAt());
        }

        /** A deployment that is not pending, or no longer in its cluster's queue. */
        public static Explained notWaiting(Deployment deployment) {
            return new Explained(deployment, Optional.empty(), null);
        }
    }

    /** A page of a cluster's queue, with how many wait in all. */
    public record QueueListing(List<Explained> items, String nextCursor, int total) {
    }

    private final DeploymentRepository deployments;
    private final DeploymentHistory history;
    private final QueueCache queues;
    private final ClusterDirectory directory;
    private final SchedulingPolicy policy;
    private final Clock clock;

    public DeploymentQueries(DeploymentRepository deployments, DeploymentHistory history, QueueCache queues,
                             ClusterDirectory directory, SchedulingPass pass, Clock clock) {
        this.deployments = deployments;
        this.history = history;
        this.queues = queues;
        this.directory = directory;
        this.policy = pass.policy();
        this.clock = clock;
    }

    public Explained get(Caller caller, UUID id) {
        return explain(visible(caller, id));
    }

    /** The deployment's timeline: its published events, each as its JSON envelope, oldest first. */
    public List<byte[]> history(Caller caller, UUID id) {
        visible(caller, id);
        return history.of(id);
    }

    /** The deployment, if the caller may read it; else 404, as for one that does not exist. */
    public Deployment visible(Caller caller, UUID id) {
        return deployments.find(id)
                .filter(found -> mayRead(caller, found.organizationId()))
                .orElseThrow(() -> ProblemException.notFound("deployment " + id));
    }

    /** Refuses (404, as for one that does not exist) a caller who may not read the cluster. */
    public void requireReader(Caller caller, UUID clusterId) {
        if (!mayRead(caller, directory.organizationOf(clusterId))) {
            throw ProblemException.notFound("cluster " + clusterId);
        }
    }

    /**
     * The deployment as given, and, if it is pending and its cluster's queue still holds it, why it waits (a
     * pass may have placed it since the record was read).
     */
    public Explained explain(Deployment deployment) {
        if (deployment.status() != DeploymentStatus.PENDING) {
            return Explained.notWaiting(deployment);
        }
        return queues.current(deployment.clusterId()).explain(policy, clock.instant(), deployment.id())
                .map(waiting -> Explained.of(deployment, waiting))
                .orElseGet(() -> Explained.notWaiting(deployment));
    }

    public Page<Deployment> list(Caller caller, DeploymentFilter filter, PageRequest page) {
        Set<UUID> organizations;
        if (filter.clusterId().isPresent()) {
            UUID clusterId = filter.clusterId().get();
            UUID organization = directory.organizationOf(clusterId);
            caller.requireRole(organization, OrgRole.VIEWER, "cluster " + clusterId);
            organizations = Set.of(organization);
        } else {
            organizations = caller.memberships().keySet();
        }
        Instant before = page.after().isEmpty() ? Instant.parse("9999-12-31T00:00:00Z") : page.time(0);
        UUID beforeId = page.after().isEmpty() ? new UUID(-1L, -1L) : page.id(1);
        return Page.of(deployments.list(organizations, filter, before, beforeId, page.fetchSize()), page,
                deployment -> Cursor.encode(deployment.submittedAt().toString(), deployment.id().toString()));
    }

    /**
     * A page of the cluster's pending deployments in the order they will be considered, each with its reason, of
     * one queue, priority or submitter when asked (nulls: all); the cursor is the queue position (priority,
     * submission time, id) of the page's last deployment.
     */
    public QueueListing queue(Caller caller, UUID clusterId, String queueName, Priority priority, UUID userId,
                              PageRequest page) {
        requireReader(caller, clusterId);
        QueueFilter filter = new QueueFilter(queueName, priority,
                userId == null ? null : deployments.pendingRequestedBy(clusterId, userId.toString()));
        QueuedDeployment after = page.after().isEmpty() ? null : new QueuedDeployment(page.id(2),
                priorityOf(page.text(0)), page.time(1), Resources.ZERO);
        QueuePage queue = queues.current(clusterId).page(policy, clock.instant(), after, page.limit(), filter);
        Map<UUID, Deployment> records = new HashMap<>();
        deployments.findAll(queue.items().stream().map(waiting -> waiting.deployment().id()).toList())
                .forEach(record -> records.put(record.id(), record));
        List<Explained> items = new ArrayList<>();
        for (QueuePage.Waiting waiting : queue.items()) {
            Deployment record = records.get(waiting.deployment().id());
            if (record != null) { // not yet committed when read
                items.add(Explained.of(record, waiting));
            }
        }
        String next = null;
        if (queue.more() && !queue.items().isEmpty()) {
            QueuedDeployment last = queue.items().get(queue.items().size() - 1).deployment();
            next = Cursor.encode(last.priority().name(), last.submittedAt().toString(), last.id().toString());
        }
        return new QueueListing(items, next, queue.total());
    }

    private static Priority priorityOf(String name) {
        try {
            return Priority.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("cursor",
                    "is not a cursor this API gave out");
        }
    }

    private static boolean mayRead(Caller caller, UUID organization) {
        return caller.roleIn(organization).isPresent() || caller.hasPlatformRole(PlatformRole.AGENT)
                || caller.hasPlatformRole(PlatformRole.SERVICE);
    }
}
