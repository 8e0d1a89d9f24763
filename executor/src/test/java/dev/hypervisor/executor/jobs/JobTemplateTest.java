package dev.hypervisor.executor.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.event.DeploymentPlaced;
import dev.hypervisor.common.resources.Resources;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JobTemplateTest {

    private static final UUID DEPLOYMENT = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final UUID CLUSTER = UUID.fromString("00000000-0000-4000-8000-000000000002");

    @Test
    void aRunTimeLimitBecomesTheJobsDeadlineRoundedUpToWholeSeconds() {
        assertThat(job(Duration.ofMillis(90_500), Resources.of("500m", "1Gi", 0)).getSpec()
                .getActiveDeadlineSeconds()).isEqualTo(91L);
        assertThat(job(Duration.ofHours(2), Resources.of("500m", "1Gi", 0)).getSpec().getActiveDeadlineSeconds())
                .isEqualTo(7200L);
    }

    @Test
    void withoutGpusTheJobAsksForNone() {
        Job job = job(null, Resources.of("1500m", "1536Mi", 0));
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits())
                .isEqualTo(Map.of("cpu", new Quantity("1500m"), "memory", new Quantity("1536Mi")));
        assertThat(job.getSpec().getTemplate().getSpec().getNodeSelector()).isNull();
    }

    @Test
    void anEventFromBeforeOrganizationsAndAttemptsNamesNeither() {
        DeploymentPlaced old = new DeploymentPlaced(DEPLOYMENT, CLUSTER, "train", "img:1", Resources.of("1", "1Gi", 0),
                Priority.LOW, Map.of(), Instant.EPOCH, 1);
        Job job = JobTemplate.of(old, new JobTarget("ml", Map.of()), "k8s-1");
        assertThat(job.getMetadata().getName()).isEqualTo("hv-" + DEPLOYMENT);
        assertThat(job.getMetadata().getNamespace()).isEqualTo("ml");
        assertThat(job.getMetadata().getLabels()).doesNotContainKey(JobLabels.ORGANIZATION)
                .containsEntry(JobLabels.ATTEMPT, "1").containsEntry(JobLabels.EXECUTOR, "k8s-1");
        assertThat(JobLabels.attemptOf(job)).isEqualTo(1);
        assertThat(JobLabels.deploymentOf(job)).contains(DEPLOYMENT);
        assertThat(JobLabels.clusterOf(job)).contains(CLUSTER);
    }

    private static Job job(Duration limit, Resources resources) {
        return JobTemplate.of(new DeploymentPlaced(DEPLOYMENT, CLUSTER, "train", "img:1", resources, Priority.LOW,
                Map.of(), Instant.EPOCH, 1, UUID.randomUUID(), limit, 3), new JobTarget("default", Map.of()), "k8s-1");
    }
}
