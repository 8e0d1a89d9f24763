package dev.hypervisor.scheduler.intake;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.deployment.RetryPolicy;
import dev.hypervisor.common.event.DeploymentRequested;
import dev.hypervisor.common.event.EventEnvelope;
import dev.hypervisor.common.resources.Resources;
import dev.hypervisor.scheduler.domain.RunDuration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A request for a deployment, from either door: the REST API or a {@code DeploymentRequested} event.
 *
 * @param deploymentId the id to give it (an event names one; the REST door makes one)
 * @param requestedBy  the subject of whoever asked
 * @param replicas     a gang's replicas, each with {@code resources}; null: one
 * @param minReplicas  the fewest replicas it may start with; null: all of them
 */
public record Submission(UUID deploymentId, UUID clusterId, String name, String image, Resources resources,
                         Priority priority, List<UUID> dependsOn, Map<String, String> labels, String requestedBy,
                         String queue, String maxRunDuration, RetryPolicy retry, Integer replicas,
                         Integer minReplicas) {

    public Submission {
        dependsOn = dependsOn == null ? List.of() : List.copyOf(new LinkedHashSet<>(dependsOn));
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /**
     * The request an event carries. The deployment id is the event's own when the producer named none, so a
     * redelivered event still names the same deployment.
     */
    public static Submission of(EventEnvelope<DeploymentRequested> event) {
        DeploymentRequested requested = event.data();
        return new Submission(requested.deploymentId() == null ? event.id() : requested.deploymentId(),
                requested.clusterId(), requested.name(), requested.image(), requested.resources(),
                requested.priority(), requested.dependsOn(), requested.labels(),
                requested.requestedBy() == null ? event.source() : requested.requestedBy().toString(),
                requested.queue(), requested.maxRunDuration(), requested.retry(), requested.replicas(),
                requested.minReplicas());
    }

    /** How many replicas it asks for. */
    public int replicasAsked() {
        return replicas == null ? 1 : replicas;
    }

    /** The fewest replicas it may start with. */
    public int leastReplicas() {
        return minReplicas == null ? replicasAsked() : minReplicas;
    }

    /** The run-time limit asked for, once {@link SubmissionRules} passed it; null: none. */
    public Duration runTimeLimit() {
        return maxRunDuration == null ? null : RunDuration.parse(maxRunDuration);
    }

    /** A fingerprint of what was asked, to tell a retry from another request under the same idempotency key. */
    public String fingerprint() {
        String canonical = String.join("\n", String.valueOf(clusterId), name, image, String.valueOf(resources),
                String.valueOf(priority), String.valueOf(dependsOn), String.valueOf(new TreeMap<>(labels)))
                + (queue == null ? "" : "\n" + queue) // as before queues, for requests that name none
                + (maxRunDuration == null ? "" : "\nmaxRunDuration " + maxRunDuration)
                + (retry == null ? "" : "\nretry " + retry)
                + (replicas == null ? "" : "\nreplicas " + replicas)
                + (minReplicas == null ? "" : "\nminReplicas " + minReplicas);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
