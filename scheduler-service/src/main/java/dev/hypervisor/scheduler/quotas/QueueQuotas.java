package dev.hypervisor.scheduler.quotas;

import dev.hypervisor.common.problem.InvalidFieldException;
import dev.hypervisor.common.problem.Problem;
import dev.hypervisor.common.problem.ProblemCode;
import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.common.resources.Resources;
import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.common.security.PlatformRole;
import dev.hypervisor.runtime.security.Caller;
import dev.hypervisor.scheduler.client.ClusterInfo;
import dev.hypervisor.scheduler.client.OrganizationMembers;
import dev.hypervisor.scheduler.clusters.ClusterDirectory;
import dev.hypervisor.scheduler.domain.ClusterQueue;
import dev.hypervisor.scheduler.domain.QueueQuota;
import dev.hypervisor.scheduler.domain.QueueStatus;
import dev.hypervisor.scheduler.persistence.DeploymentRepository;
import dev.hypervisor.scheduler.persistence.Queue;
import dev.hypervisor.scheduler.persistence.QueueRepository;
import dev.hypervisor.scheduler.queue.ClusterChange;
import dev.hypervisor.scheduler.queue.ClusterChanges;
import dev.hypervisor.scheduler.queue.QueueCache;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A cluster's queues (API.md, "Queues, quotas and fair sharing"): defined, replaced and deleted by the cluster's
 * organization's admins, read by its members with how each stands now. A change of them is a change of the
 * cluster: its version moves on, so every scheduler instance plans with the same queues.
 */
@ApplicationScoped
public class QueueQuotas {

    /** A queue as stored, how it stands now, and whether the cluster's queues promise more than it has. */
    public record QueueState(Queue queue, QueueStatus status, boolean overcommitted) {
    }

    private final ClusterChanges changes;
    private final ClusterDirectory directory;
    private final QueueRepository queues;
    private final QueueCache cache;
    private final DeploymentRepository deployments;
    private final OrganizationMembers organizationMembers;
    private final Clock clock;

    public QueueQuotas(ClusterChanges changes, ClusterDirectory directory, QueueRepository queues, QueueCache cache,
                       DeploymentRepository deployments, OrganizationMembers organizationMembers, Clock clock) {
        this.organizationMembers = organizationMembers;
        this.changes = changes;
        this.directory = directory;
        this.queues = queues;
        this.cache = cache;
        this.deployments = deployments;
        this.clock = clock;
    }

    /**
     * Defines the queue, or replaces it whole; answers whether it is new. The quotas of all the cluster's queues
     * together may not exceed its capacity (422 QUOTA_EXCEEDS_CAPACITY, naming by how much), and its members must
     * be members of the cluster's organization (asked of identity-service with the caller's {@code authorization}).
     */
    public boolean put(Caller caller, UUID clusterId, String name, QueueQuota quota, List<UUID> members,
                       boolean isDefault, String authorization) {
        requireAdmin(caller, clusterId);
        if (!QueueQuota.NAME.matcher(name).matches()) {
            throw new InvalidFieldException("name", "is 1 to 63 of lower-case letters, digits and '-'");
        }
        List<UUID> strangers = organizationMembers.strangersAmong(directory.organizationOf(clusterId), members,
                authorization);
        if (!strangers.isEmpty()) {
            throw new InvalidFieldException("members", "names users who are not members of the cluster's"
                    + " organization: " + strangers);
        }
        ClusterInfo cluster = directory.cluster(clusterId);
        boolean created;
        try (ClusterChange change = changes.open(List.of(clusterId))) {
            Resources promised = quota.quota();
            for (Queue other : queues.of(clusterId)) {
                if (!other.name().equals(name)) {
                    promised = promised.plus(other.quota().quota());
                }
            }
            if (!promised.fitsWithin(cluster.capacity())) {
                throw new ProblemException(Problem.of(ProblemCode.QUOTA_EXCEEDS_CAPACITY, "the quotas of the"
                                + " cluster's queues would come to " + promised + ", more than its capacity of "
                                + cluster.capacity())
                        .with("short", promised.shortfall(cluster.capacity())));
            }
            Instant now = clock.instant();
            Optional<Queue> existing = queues.find(clusterId, name);
            Queue queue = existing.orElseGet(() -> new Queue(clusterId, name, now));
            queue.set(quota, members, isDefault, now);
            if (existing.isEmpty()) {
                queues.persist(queue);
            }
            if (isDefault) {
                queues.clearDefaultsBut(clusterId, name);
            }
            created = existing.isEmpty();
            change.queuesRedefined(clusterId);
            change.commit();
        }
        return created;
    }

    /** The cluster's queues by name, each with how it stands now. */
    public List<QueueState> list(Caller caller, UUID clusterId) {
        requireMember(caller, clusterId);
        ClusterQueue current = cache.current(clusterId);
        Map<String, QueueStatus> statuses = current.queueStatuses();
        List<Queue> defined = queues.of(clusterId);
        boolean overcommitted = QueueQuota.overcommitted(defined.stream().map(Queue::quota).toList(),
                current.capacity());
        QueueStatus idle = new QueueStatus(Resources.ZERO, Resources.ZERO, 0, 0, 0);
        return defined.stream().map(queue -> new QueueState(queue, statuses.getOrDefault(queue.name(), idle),
                overcommitted)).toList();
    }

    /** The queue, with how it stands now; 404 when the cluster has no such queue. */
    public QueueState get(Caller caller, UUID clusterId, String name) {
        return list(caller, clusterId).stream().filter(state -> state.queue().name().equals(name)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("queue " + name + " of cluster " + clusterId));
    }

    /** Deletes a queue with no pending or running deployments (409 QUEUE_IN_USE otherwise). */
    public void delete(Caller caller, UUID clusterId, String name) {
        requireAdmin(caller, clusterId);
        try (ClusterChange change = changes.open(List.of(clusterId))) {
            Queue queue = queues.find(clusterId, name)
                    .orElseThrow(() -> ProblemException.notFound("queue " + name + " of cluster " + clusterId));
            long live = deployments.countLiveIn(clusterId, name);
            if (live > 0) {
                throw new ProblemException(ProblemCode.QUEUE_IN_USE, "queue " + name + " has " + live
                        + " pending or running deployment" + (live == 1 ? "" : "s") + "; they must end first");
            }
            queues.delete(queue);
            change.queuesRedefined(clusterId);
            change.commit();
        }
    }

    private void requireAdmin(Caller caller, UUID clusterId) {
        caller.requireRole(directory.organizationOf(clusterId), OrgRole.ADMIN, "cluster " + clusterId);
    }

    private void requireMember(Caller caller, UUID clusterId) {
        UUID organization = directory.organizationOf(clusterId);
        if (caller.roleIn(organization).isEmpty() && !caller.hasPlatformRole(PlatformRole.AGENT)
                && !caller.hasPlatformRole(PlatformRole.SERVICE)) {
            throw ProblemException.notFound("cluster " + clusterId);
        }
    }
}
