package dev.hypervisor.common.event;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.deployment.RetryPolicy;
import dev.hypervisor.common.resources.Resources;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A request to run a deployment, on {@link Topics#DEPLOYMENT_REQUESTED}.
 *
 * @param deploymentId the id to give the deployment; external producers may leave it out, and the intake then
 *                     uses the envelope's id, so a redelivered event names the same deployment
 * @param requestedBy  the user on whose behalf it is asked, when there is one
 * @param queue        the queue of the cluster to run in; none: the cluster's default queue (or a cluster without
 *                     queues)
 * @param maxRunDuration how long it may run before it is ended as {@code TIMED_OUT} ({@code "90s"}, {@code "30m"},
 *                       {@code "2h"}, {@code "1d"}); none: no limit
 * @param retry          how often it may be started, and after which failures; none: once
 * @param replicas       a gang's replicas, each with {@code resources}, started together; none: one
 * @param minReplicas    the fewest of them it may start with; none: all of them
 */
public record DeploymentRequested(
        UUID deploymentId,
        UUID clusterId,
        String name,
        String image,
        Resources resources,
        Priority priority,
        List<UUID> dependsOn,
        Map<String, String> labels,
        UUID requestedBy,
        String queue,
        String maxRunDuration,
        RetryPolicy retry,
        Integer replicas,
        Integer minReplicas) implements DeploymentEvent {

    public DeploymentRequested {
        Objects.requireNonNull(clusterId, "clusterId");
        dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** A request that names no queue. */
    public DeploymentRequested(UUID deploymentId, UUID clusterId, String name, String image, Resources resources,
                               Priority priority, List<UUID> dependsOn, Map<String, String> labels,
                               UUID requestedBy) {
        this(deploymentId, clusterId, name, image, resources, priority, dependsOn, labels, requestedBy, null);
    }

    /** A request without a run-time limit. */
    public DeploymentRequested(UUID deploymentId, UUID clusterId, String name, String image, Resources resources,
                               Priority priority, List<UUID> dependsOn, Map<String, String> labels,
                               UUID requestedBy, String queue) {
        this(deploymentId, clusterId, name, image, resources, priority, dependsOn, labels, requestedBy, queue, null,
                null);
    }

    /** A request for a single deployment. */
    public DeploymentRequested(UUID deploymentId, UUID clusterId, String name, String image, Resources resources,
                               Priority priority, List<UUID> dependsOn, Map<String, String> labels,
                               UUID requestedBy, String queue, String maxRunDuration, RetryPolicy retry) {
        this(deploymentId, clusterId, name, image, resources, priority, dependsOn, labels, requestedBy, queue,
                maxRunDuration, retry, null, null);
    }
}
