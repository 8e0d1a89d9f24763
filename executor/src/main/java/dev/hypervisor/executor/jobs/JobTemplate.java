package dev.hypervisor.executor.jobs;

import dev.hypervisor.common.event.DeploymentPlaced;
import dev.hypervisor.common.resources.Resources;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kubernetes Job that runs a placed deployment: {@code hv-<deployment id>} with one pod per replica, all started
 * at once ({@code completions} = {@code parallelism} = replicas, indexed for a gang so each replica knows its
 * rank from {@code JOB_COMPLETION_INDEX}), never restarted by Kubernetes ({@code backoffLimit} 0: retries are
 * Hypervisor's, which knows the deployment's policy), each replica's requests equal to its limits (what the ledger
 * holds is what the pod may use; GPUs as {@code nvidia.com/gpu}), and {@code activeDeadlineSeconds} from the
 * run-time limit.
 */
public final class JobTemplate {

    static final String CONTAINER = "deployment";
    static final String GPU = "nvidia.com/gpu";

    private JobTemplate() {
    }

    public static Job of(DeploymentPlaced placed, JobTarget target, String executorId) {
        Map<String, String> labels = labels(placed, executorId);
        int replicas = placed.replicas();
        Map<String, Quantity> resources = resources(placed.resources());
        return new JobBuilder()
                .withNewMetadata()
                    .withName(JobLabels.jobName(placed.deploymentId()))
                    .withNamespace(target.namespace())
                    .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                    .withCompletions(replicas)
                    .withParallelism(replicas)
                    .withCompletionMode(replicas > 1 ? "Indexed" : "NonIndexed")
                    .withBackoffLimit(0)
                    .withActiveDeadlineSeconds(deadlineSeconds(placed.maxRunDuration()))
                    .withNewTemplate()
                        .withNewMetadata().withLabels(labels).endMetadata()
                        .withNewSpec()
                            .withRestartPolicy("Never")
                            .withNodeSelector(target.nodeSelector().isEmpty() ? null : target.nodeSelector())
                            .addNewContainer()
                                .withName(CONTAINER)
                                .withImage(placed.image())
                                .addNewEnv().withName("HV_DEPLOYMENT_ID")
                                    .withValue(placed.deploymentId().toString()).endEnv()
                                .addNewEnv().withName("HV_ATTEMPT")
                                    .withValue(Integer.toString(placed.attempt())).endEnv()
                                .addNewEnv().withName("HV_REPLICAS").withValue(Integer.toString(replicas)).endEnv()
                                .withNewResources().withRequests(resources).withLimits(resources).endResources()
                            .endContainer()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    private static Map<String, String> labels(DeploymentPlaced placed, String executorId) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(JobLabels.MANAGED_BY, JobLabels.MANAGER);
        labels.put(JobLabels.EXECUTOR, executorId);
        labels.put(JobLabels.DEPLOYMENT, placed.deploymentId().toString());
        labels.put(JobLabels.CLUSTER, placed.clusterId().toString());
        if (placed.organizationId() != null) {
            labels.put(JobLabels.ORGANIZATION, placed.organizationId().toString());
        }
        labels.put(JobLabels.ATTEMPT, Integer.toString(placed.attempt()));
        return labels;
    }

    private static Map<String, Quantity> resources(Resources perReplica) {
        Map<String, Quantity> resources = new LinkedHashMap<>();
        resources.put("cpu", new Quantity(perReplica.cpu()));
        resources.put("memory", new Quantity(perReplica.memory()));
        if (perReplica.gpu() > 0) {
            resources.put(GPU, new Quantity(Long.toString(perReplica.gpu())));
        }
        return resources;
    }

    /** Whole seconds, rounded up: a Job never ends before the limit Hypervisor holds it to. Null: no limit. */
    private static Long deadlineSeconds(Duration limit) {
        if (limit == null) {
            return null;
        }
        long seconds = limit.toSeconds();
        return limit.equals(Duration.ofSeconds(seconds)) ? seconds : seconds + 1;
    }
}
