package dev.hypervisor.scheduler.service;

import dev.hypervisor.common.deployment.DeploymentStatus;
import dev.hypervisor.common.event.DeploymentRequested;
import dev.hypervisor.common.event.EventEnvelope;
import dev.hypervisor.common.problem.FieldError;
import dev.hypervisor.common.problem.Problem;
import dev.hypervisor.common.problem.ProblemCode;
import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.runtime.security.Caller;
import dev.hypervisor.scheduler.domain.ClusterQueue;
import dev.hypervisor.scheduler.metrics.SchedulerMetrics;
import dev.hypervisor.scheduler.persistence.DeploymentRecord;
import dev.hypervisor.scheduler.persistence.DeploymentRepository;
import dev.hypervisor.scheduler.persistence.NewDeployment;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The one path by which deployments enter, whichever door they came through: validate against the cluster
 * and the dependencies, store as PENDING with a {@code DeploymentQueued} event, queue, and wake the loop.
 * Impossible requests are refused at once and never queued.
 */
@ApplicationScoped
public class DeploymentIntake {

    private final ClusterQueues queues;
    private final DeploymentRepository deployments;
    private final DeploymentEvents events;
    private final SchedulingLoop loop;
    private final Rejections rejections;
    private final SchedulerMetrics metrics;
    private final Clock clock;

    public DeploymentIntake(ClusterQueues queues, DeploymentRepository deployments, DeploymentEvents events,
                            SchedulingLoop loop, Rejections rejections, SchedulerMetrics metrics, Clock clock) {
        this.queues = queues;
        this.deployments = deployments;
        this.events = events;
        this.loop = loop;
        this.rejections = rejections;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Submits for a caller of the REST API, who must be a DEVELOPER or above in the cluster's organization.
     * The same idempotency key with the same request answers the deployment it created; with another request,
     * 422.
     */
    public DeploymentRecord submit(Caller caller, Submission submission, Optional<String> idempotencyKey) {
        try {
            return submitChecked(caller, submission, idempotencyKey);
        } catch (ProblemException refused) {
            metrics.rejected(refused.problem().code());
            throw refused;
        }
    }

    private DeploymentRecord submitChecked(Caller caller, Submission submission, Optional<String> idempotencyKey) {
        SubmissionRules.check(submission);
        if (idempotencyKey.isPresent()) {
            Optional<Map.Entry<DeploymentRecord, String>> earlier =
                    deployments.findByIdempotencyKey(submission.requestedBy(), idempotencyKey.get());
            if (earlier.isPresent()) {
                return sameRequest(earlier.get(), submission);
            }
        }
        UUID organization = queues.organizationOf(submission.clusterId());
        caller.requireRole(organization, OrgRole.DEVELOPER, "cluster " + submission.clusterId());
        DeploymentRecord stored = admit(submission, organization, idempotencyKey)
                .orElseGet(() -> sameRequest(deployments.findByIdempotencyKey(submission.requestedBy(),
                        idempotencyKey.orElseThrow()).orElseThrow(), submission));
        loop.wake(stored.clusterId());
        return stored;
    }

    /** Requests that arrived as events for one cluster and passed {@link #screen}, in order. */
    public record ScreenedRequests(UUID organization, Map<EventEnvelope<DeploymentRequested>, Submission> requests) {

        static final ScreenedRequests NONE = new ScreenedRequests(null, Map.of());

        public boolean isEmpty() {
            return requests.isEmpty();
        }
    }

    /**
     * The first half of submitting requests that arrived as events for one cluster (whoever may write the intake
     * topic may submit): what breaks the rules, or names a cluster nobody knows, is rejected now, each in a
     * transaction of its own and without asking cluster-service anything for what breaks the rules. The rest is
     * stored by {@link #storeWithin}.
     */
    public ScreenedRequests screen(UUID clusterId, List<EventEnvelope<DeploymentRequested>> requests) {
        Map<EventEnvelope<DeploymentRequested>, Submission> wellFormed = new LinkedHashMap<>();
        for (EventEnvelope<DeploymentRequested> request : requests) {
            try {
                Submission submission = Submission.of(request);
                SubmissionRules.check(submission);
                wellFormed.put(request, submission);
            } catch (ProblemException refused) {
                rejections.reject(request, refused.problem().code(), refused.problem().detail());
            }
        }
        if (wellFormed.isEmpty()) {
            return ScreenedRequests.NONE;
        }
        try {
            return new ScreenedRequests(queues.organizationOf(clusterId), wellFormed);
        } catch (ProblemException unknownCluster) {
            refuse(wellFormed.keySet(), unknownCluster);
            return ScreenedRequests.NONE;
        }
    }

    /** Rejects the requests for the same reason, each in a transaction of its own. */
    public void refuse(Collection<EventEnvelope<DeploymentRequested>> requests, ProblemException refused) {
        requests.forEach(request -> rejections.reject(request, refused.problem().code(),
                refused.problem().detail()));
    }

    /**
     * The second half, within a change of the clusters: stores and queues the screened requests, by cluster, each
     * cluster's in order. A redelivered event (its deployment exists) changes nothing; one the cluster refuses is
     * answered with a {@code DeploymentRejected} event, once. The caller wakes the scheduling loop once the change
     * commits.
     *
     * <p>Which deployments exist is asked once for all, and the new ones are inserted together at the end; only
     * a request with dependencies has those before it inserted first, since it may depend on them.
     */
    public void storeWithin(Map<UUID, ClusterQueue> queues, Map<UUID, ScreenedRequests> screened) {
        Set<UUID> known = deployments.existing(screened.values().stream()
                .flatMap(requests -> requests.requests().values().stream()).map(Submission::deploymentId).toList());
        List<NewDeployment> admitted = new ArrayList<>();
        screened.forEach((clusterId, requests) -> {
            ClusterQueue queue = queues.get(clusterId);
            for (Map.Entry<EventEnvelope<DeploymentRequested>, Submission> entry : requests.requests().entrySet()) {
                EventEnvelope<DeploymentRequested> request = entry.getKey();
                Submission submission = entry.getValue();
                if (!known.add(submission.deploymentId())) {
                    continue; // stored before, or requested twice in these events
                }
                try {
                    if (!submission.dependsOn().isEmpty()) {
                        deployments.insertAll(admitted);
                        admitted.clear();
                    }
                    Admission admission = admission(queue, submission, requests.organization());
                    admitted.add(new NewDeployment(admission.deployment(), null, submission.fingerprint()));
                    enqueue(queue, admission);
                } catch (ProblemException refused) {
                    rejections.rejectWithin(request, refused.problem().code(), refused.problem().detail());
                }
            }
        });
        deployments.insertAll(admitted);
    }

    private Optional<DeploymentRecord> admit(Submission submission, UUID organization,
                                             Optional<String> idempotencyKey) {
        return queues.change(submission.clusterId(), queue -> store(queue, submission, organization,
                idempotencyKey));
    }

    /** Checks the request against the cluster and its dependencies, then stores and queues it. */
    private Optional<DeploymentRecord> store(ClusterQueue queue, Submission submission, UUID organization,
                                             Optional<String> idempotencyKey) {
        Admission admission = admission(queue, submission, organization);
        if (!deployments.insert(new NewDeployment(admission.deployment(), idempotencyKey.orElse(null),
                submission.fingerprint()))) {
            return Optional.empty();
        }
        enqueue(queue, admission);
        return Optional.of(admission.deployment());
    }

    /** A request the cluster accepts: the deployment to store, and the dependencies it waits for. */
    private record Admission(DeploymentRecord deployment, List<UUID> unmetDependencies) {
    }

    /** Checks the request against the cluster and its dependencies; answers what to store and queue. */
    private Admission admission(ClusterQueue queue, Submission submission, UUID organization) {
        refuseImpossible(submission, queue);
        List<UUID> unmet = unmetDependencies(submission);
        DeploymentRecord deployment = new DeploymentRecord(submission.deploymentId(), submission.clusterId(),
                organization, submission.requestedBy(), submission.name(), submission.image(),
                submission.resources(), submission.priority(), DeploymentStatus.PENDING, submission.labels(),
                submission.dependsOn(), clock.instant(), null, null, 0, null);
        return new Admission(deployment, unmet);
    }

    private void enqueue(ClusterQueue queue, Admission admission) {
        events.queued(admission.deployment());
        queue.enqueue(admission.deployment().queued(), admission.unmetDependencies());
    }

    private static void refuseImpossible(Submission submission, ClusterQueue queue) {
        if (!submission.resources().fitsWithin(queue.capacity())) {
            throw new ProblemException(Problem.of(ProblemCode.EXCEEDS_CLUSTER_CAPACITY,
                    "the deployment asks for " + submission.resources() + " but the cluster has "
                            + queue.capacity() + " in total; it could never run there")
                    .with("short", submission.resources().shortfall(queue.capacity())));
        }
    }

    /** The dependencies not yet completed; refuses unknown ones, other clusters' and those that failed. */
    private List<UUID> unmetDependencies(Submission submission) {
        if (submission.dependsOn().isEmpty()) {
            return List.of();
        }
        Map<UUID, DeploymentRecord> found = new HashMap<>();
        deployments.findAll(submission.dependsOn()).forEach(record -> found.put(record.id(), record));
        List<FieldError> errors = new ArrayList<>();
        List<UUID> unmet = new ArrayList<>();
        for (int i = 0; i < submission.dependsOn().size(); i++) {
            UUID id = submission.dependsOn().get(i);
            DeploymentRecord dependency = found.get(id);
            String field = "dependsOn[" + i + "]";
            if (dependency == null || !dependency.clusterId().equals(submission.clusterId())) {
                errors.add(new FieldError(field, "no deployment " + id + " exists on this cluster"));
            } else if (dependency.status() == DeploymentStatus.FAILED
                    || dependency.status() == DeploymentStatus.CANCELLED) {
                errors.add(new FieldError(field, "deployment " + id + " is " + dependency.status()
                        + " and will never complete"));
            } else if (dependency.status() != DeploymentStatus.COMPLETED) {
                unmet.add(id);
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.validation(errors));
        }
        return unmet;
    }

    private static DeploymentRecord sameRequest(Map.Entry<DeploymentRecord, String> earlier, Submission submission) {
        if (!submission.fingerprint().equals(earlier.getValue())) {
            throw new ProblemException(ProblemCode.IDEMPOTENCY_KEY_REUSED,
                    "this Idempotency-Key was used for another request (deployment " + earlier.getKey().id() + ")");
        }
        return earlier.getKey();
    }
}
