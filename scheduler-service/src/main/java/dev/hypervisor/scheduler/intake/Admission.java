package dev.hypervisor.scheduler.intake;

import dev.hypervisor.common.deployment.DeploymentStatus;
import dev.hypervisor.common.deployment.RetryPolicy;
import dev.hypervisor.common.problem.FieldError;
import dev.hypervisor.common.resources.Resources;
import dev.hypervisor.common.problem.Problem;
import dev.hypervisor.common.problem.ProblemCode;
import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.scheduler.domain.ClusterQueue;
import dev.hypervisor.scheduler.domain.Deployment;
import dev.hypervisor.scheduler.messaging.DeploymentEvents;
import dev.hypervisor.scheduler.domain.QueueChoice;
import dev.hypervisor.scheduler.persistence.DeploymentRepository;
import dev.hypervisor.scheduler.persistence.Queue;
import dev.hypervisor.scheduler.persistence.QueueRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Whether a cluster takes a well-formed request, whichever door it came through: it must name one of the cluster's
 * queues or go to the default one ({@link QueueChoice}), fit the cluster's total (else it could never run), and its
 * dependencies must be deployments of the same cluster that have not failed.
 * A request taken becomes a PENDING deployment in the cluster's queue, with its {@code DeploymentQueued} event.
 */
@ApplicationScoped
class Admission {

    /** A request the cluster takes: the deployment to store, and the dependencies it waits for. */
    record Admitted(Deployment deployment, List<UUID> unmetDependencies) {
    }

    private final DeploymentRepository deployments;
    private final QueueRepository queues;
    private final DeploymentEvents events;
    private final Clock clock;

    Admission(DeploymentRepository deployments, QueueRepository queues, DeploymentEvents events, Clock clock) {
        this.deployments = deployments;
        this.queues = queues;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Checks the request against the cluster, its queues ({@code offered}: as {@link #queuesOf} answers them) and
     * its dependencies; refuses it with a problem that says why.
     */
    Admitted check(ClusterQueue queue, List<QueueChoice.Offered> offered, Submission submission,
                   UUID organization) {
        String chosenQueue = QueueChoice.of(offered, submission.queue(), personAsking(submission));
        Resources least = leastOf(submission, queue.capacity());
        if (!least.fitsWithin(queue.capacity())) {
            String asks = submission.leastReplicas() == 1 ? "the deployment asks for " + least
                    : "the gang's " + submission.leastReplicas() + " replicas it must start with ask for " + least;
            throw new ProblemException(Problem.of(ProblemCode.EXCEEDS_CLUSTER_CAPACITY,
                    asks + " but the cluster has " + queue.capacity() + " in total; it could never run there")
                    .with("short", least.shortfall(queue.capacity())));
        }
        List<UUID> unmet = unmetDependencies(submission);
        Deployment deployment = new Deployment(submission.deploymentId(), submission.clusterId(), organization,
                submission.requestedBy(), submission.name(), submission.image(), submission.resources(),
                submission.priority(), DeploymentStatus.PENDING, submission.labels(), submission.dependsOn(),
                clock.instant(), null, null, 0, null, chosenQueue, submission.runTimeLimit(), null, null,
                submission.retry() == null ? RetryPolicy.NONE : submission.retry(), 0, submission.replicasAsked(),
                submission.leastReplicas(), 0, null);
        return new Admitted(deployment, unmet);
    }

    /**
     * What the least it may start with needs: {@code minReplicas} replicas; all its replicas must be countable too.
     * Beyond what can be counted is beyond any cluster: answered as more than {@code capacity}.
     */
    private static Resources leastOf(Submission submission, Resources capacity) {
        try {
            submission.resources().times(submission.replicasAsked());
            return submission.resources().times(submission.leastReplicas());
        } catch (ArithmeticException uncountable) {
            return capacity.plus(new Resources(1, 1, 1));
        }
    }

    /** The cluster's queues as a submission may choose them, read in the caller's change. */
    List<QueueChoice.Offered> queuesOf(UUID clusterId) {
        return queuesOf(List.of(clusterId)).get(clusterId);
    }

    /** The clusters' queues as submissions may choose them (an empty list for one without), in one statement. */
    Map<UUID, List<QueueChoice.Offered>> queuesOf(Collection<UUID> clusterIds) {
        Map<UUID, List<Queue>> found = queues.ofClusters(clusterIds);
        Map<UUID, List<QueueChoice.Offered>> offered = new HashMap<>();
        for (UUID clusterId : clusterIds) {
            offered.put(clusterId, found.getOrDefault(clusterId, List.of()).stream()
                    .map(queue -> new QueueChoice.Offered(queue.name(), queue.members(), queue.isDefault())).toList());
        }
        return offered;
    }

    /** Who asks, when it is a person (the REST door's caller, or an event's {@code requestedBy}). */
    private static Optional<UUID> personAsking(Submission submission) {
        try {
            return Optional.of(UUID.fromString(submission.requestedBy()));
        } catch (IllegalArgumentException | NullPointerException notAPerson) {
            return Optional.empty();
        }
    }

    /** Queues the stored deployment, with its event, in the caller's change. */
    void enqueue(ClusterQueue queue, Admitted admitted) {
        events.queued(admitted.deployment());
        queue.enqueue(admitted.deployment().queued(), admitted.unmetDependencies());
    }

    /** The dependencies not yet completed; refuses unknown ones, other clusters' and those that failed. */
    private List<UUID> unmetDependencies(Submission submission) {
        if (submission.dependsOn().isEmpty()) {
            return List.of();
        }
        Map<UUID, Deployment> found = new HashMap<>();
        deployments.findAll(submission.dependsOn()).forEach(dependency -> found.put(dependency.id(), dependency));
        List<FieldError> errors = new ArrayList<>();
        List<UUID> unmet = new ArrayList<>();
        for (int i = 0; i < submission.dependsOn().size(); i++) {
            UUID id = submission.dependsOn().get(i);
            Deployment dependency = found.get(id);
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
}
