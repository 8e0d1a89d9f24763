package dev.hypervisor.executor.jobs;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The labels on the executor's Jobs and their pods: they name the deployment, its cluster, organization and start,
 * so that everything the executor knows of a Job can be read back from Kubernetes after a restart.
 */
public final class JobLabels {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGER = "hypervisor-executor";
    public static final String EXECUTOR = "hypervisor.dev/executor";
    public static final String DEPLOYMENT = "hypervisor.dev/deployment";
    public static final String CLUSTER = "hypervisor.dev/cluster";
    public static final String ORGANIZATION = "hypervisor.dev/organization";
    public static final String ATTEMPT = "hypervisor.dev/attempt";
    /** An annotation, not a label: the outcome the executor has reported of the Job, so it reports it once. */
    public static final String REPORTED = "hypervisor.dev/reported";

    private JobLabels() {
    }

    /** The Job's name: one Job per deployment, so a redelivered placement finds the one it made. */
    public static String jobName(UUID deploymentId) {
        return "hv-" + deploymentId;
    }

    /** The deployment a Job or pod of the executor's belongs to; empty for anything else. */
    public static Optional<UUID> deploymentOf(HasMetadata resource) {
        return label(resource, DEPLOYMENT).flatMap(JobLabels::uuid);
    }

    /** The Hypervisor cluster a Job or pod of the executor's runs for. */
    public static Optional<UUID> clusterOf(HasMetadata resource) {
        return label(resource, CLUSTER).flatMap(JobLabels::uuid);
    }

    /** Which start of its deployment a Job runs (1 when it does not say). */
    public static int attemptOf(HasMetadata resource) {
        return label(resource, ATTEMPT).filter(value -> value.matches("[1-9][0-9]{0,8}"))
                .map(Integer::parseInt).orElse(1);
    }

    private static Optional<String> label(HasMetadata resource, String key) {
        Map<String, String> labels = resource.getMetadata().getLabels();
        return Optional.ofNullable(labels == null ? null : labels.get(key));
    }

    private static Optional<UUID> uuid(String value) {
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty(); // someone else's label of the same name
        }
    }
}
