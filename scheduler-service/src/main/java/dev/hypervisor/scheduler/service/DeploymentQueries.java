package dev.hypervisor.scheduler.service;

import dev.hypervisor.common.deployment.DeploymentStatus;
import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.common.security.PlatformRole;
import dev.hypervisor.runtime.rest.Cursor;
import dev.hypervisor.runtime.rest.Page;
import dev.hypervisor.runtime.rest.PageRequest;
import dev.hypervisor.runtime.security.Caller;
import dev.hypervisor.scheduler.domain.PendingReason;
import dev.hypervisor.scheduler.domain.QueuedDeployment;
import dev.hypervisor.scheduler.persistence.DeploymentRecord;
import dev.hypervisor.scheduler.persistence.DeploymentRepository;
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

/** Reading deployments and queues, with the reason each pending deployment waits. */
@ApplicationScoped
public class DeploymentQueries {

    /** A deployment and, while it is pending, why. */
    public record Explained(DeploymentRecord deployment, Optional<PendingReason> pending) {
    }

    private final DeploymentRepository deployments;
    private final ClusterQueues queues;
    private final SchedulingLoop loop;
    private final Clock clock;

    public DeploymentQueries(DeploymentRepository deployments, ClusterQueues queues, SchedulingLoop loop,
                             Clock clock) {
        this.deployments = deployments;
        this.queues = queues;
        this.loop = loop;
        this.clock = clock;
    }

    public Explained get(Caller caller, UUID id) {
        DeploymentRecord deployment = deployments.find(id)
                .filter(found -> mayRead(caller, found.organizationId()))
                .orElseThrow(() -> ProblemException.notFound("deployment " + id));
        return explain(deployment);
    }

    /**
     * The deployment as given, and, if it is pending and its cluster's queue still holds it, why it waits (a
     * pass may have placed it since the record was read).
     */
    public Explained explain(DeploymentRecord deployment) {
        if (deployment.status() != DeploymentStatus.PENDING) {
            return new Explained(deployment, Optional.empty());
        }
        return new Explained(deployment, Optional.ofNullable(reasons(deployment.clusterId()).get(deployment.id())));
    }

    public Page<DeploymentRecord> list(Caller caller, Optional<UUID> clusterId, Optional<DeploymentStatus> status,
                                       Optional<Priority> priority, PageRequest page) {
        Set<UUID> organizations;
        if (clusterId.isPresent()) {
            UUID organization = queues.organizationOf(clusterId.get());
            caller.requireRole(organization, OrgRole.VIEWER, "cluster " + clusterId.get());
            organizations = Set.of(organization);
        } else {
            organizations = caller.memberships().keySet();
        }
        Instant before = page.after().isEmpty() ? Instant.parse("9999-12-31T00:00:00Z") : page.time(0);
        UUID beforeId = page.after().isEmpty() ? new UUID(-1L, -1L) : page.id(1);
        return Page.of(deployments.list(organizations, clusterId, status, priority, before, beforeId,
                        page.fetchSize()), page,
                deployment -> Cursor.encode(deployment.submittedAt().toString(), deployment.id().toString()));
    }

    /** The cluster's pending deployments in the order they will be considered, each with its reason. */
    public List<Explained> queue(Caller caller, UUID clusterId) {
        UUID organization = queues.organizationOf(clusterId);
        if (!mayRead(caller, organization)) {
            throw ProblemException.notFound("cluster " + clusterId);
        }
        record Snapshot(List<QueuedDeployment> pending, Map<UUID, PendingReason> reasons) {
        }
        Snapshot snapshot = queues.read(clusterId, queue -> new Snapshot(queue.pendingInOrder(),
                queue.explain(loop.policy(), clock.instant())));
        List<QueuedDeployment> pending = snapshot.pending();
        Map<UUID, PendingReason> reasons = snapshot.reasons();
        Map<UUID, DeploymentRecord> records = new HashMap<>();
        deployments.findAll(pending.stream().map(QueuedDeployment::id).toList())
                .forEach(record -> records.put(record.id(), record));
        List<Explained> explained = new ArrayList<>();
        for (QueuedDeployment deployment : pending) {
            DeploymentRecord record = records.get(deployment.id());
            if (record != null) {
                explained.add(new Explained(record, Optional.ofNullable(reasons.get(deployment.id()))));
            }
        }
        return explained;
    }

    private Map<UUID, PendingReason> reasons(UUID clusterId) {
        return queues.read(clusterId, queue -> queue.explain(loop.policy(), clock.instant()));
    }

    private static boolean mayRead(Caller caller, UUID organization) {
        return caller.roleIn(organization).isPresent() || caller.hasPlatformRole(PlatformRole.AGENT)
                || caller.hasPlatformRole(PlatformRole.SERVICE);
    }
}
