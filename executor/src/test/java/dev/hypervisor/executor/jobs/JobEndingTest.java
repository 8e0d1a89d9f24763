package dev.hypervisor.executor.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypervisor.common.deployment.ReportedStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobEndingTest {

    @Test
    void aRunningJobHasNoEnding() {
        assertThat(JobEnding.of(job(null, null, null), List.of())).isEmpty();
        assertThat(JobEnding.of(new JobBuilder().withNewSpec().endSpec().build(), List.of())).isEmpty();
    }

    @Test
    void aCompleteJobCompletedWithAllItsReplicas() {
        JobEnding ending = JobEnding.of(job("Complete", "Completed", null), List.of()).orElseThrow();
        assertThat(ending.status()).isEqualTo(ReportedStatus.COMPLETED);
        assertThat(ending.message()).isEqualTo("the Job's 3 replicas completed");
    }

    @Test
    void aFailedJobFailedForKubernetesReasonAndTheFirstReplicaThatExitedBadly() {
        Pod fine = pod("hv-x-0", 0, "Completed");
        Pod killed = pod("hv-x-1", 137, "OOMKilled");
        JobEnding ending = JobEnding.of(job("Failed", "BackoffLimitExceeded", "Job has reached the backoff limit"),
                List.of(fine, killed)).orElseThrow();
        assertThat(ending.status()).isEqualTo(ReportedStatus.FAILED);
        assertThat(ending.message())
                .isEqualTo("BackoffLimitExceeded: Job has reached the backoff limit (hv-x-1: OOMKilled, exit code 137)");
    }

    @Test
    void aJobPastItsDeadlineIsHypervisorsToEnd() {
        assertThat(JobEnding.of(job("Failed", "DeadlineExceeded", "Job was active longer than specified deadline"),
                List.of())).isEmpty();
    }

    @Test
    void aConditionThatIsNotTrueDoesNotEndIt() {
        Job job = job("Complete", "Completed", null);
        job.getStatus().getConditions().get(0).setStatus("False");
        assertThat(JobEnding.of(job, List.of())).isEmpty();
    }

    @Test
    void anImagePullThatKeepsFailingIsTrouble() {
        Pod stuck = new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewStatus()
                .withContainerStatuses(new ContainerStatusBuilder().withName("deployment").withNewState()
                        .withNewWaiting().withReason("ErrImagePull").withMessage("not found").endWaiting().endState()
                        .build()).endStatus().build();
        Pod creating = new PodBuilder().withNewMetadata().withName("q").endMetadata().withNewStatus()
                .withContainerStatuses(new ContainerStatusBuilder().withName("deployment").withNewState()
                        .withNewWaiting().withReason("ContainerCreating").endWaiting().endState().build())
                .endStatus().build();
        assertThat(ImagePull.trouble(stuck)).contains("ErrImagePull: not found");
        assertThat(ImagePull.trouble(creating)).isEmpty();
        assertThat(ImagePull.trouble(new PodBuilder().build())).isEmpty();
    }

    private static Job job(String condition, String reason, String message) {
        JobBuilder job = new JobBuilder().withNewSpec().withCompletions(3).endSpec();
        if (condition == null) {
            return job.withNewStatus().withActive(3).endStatus().build();
        }
        return job.withNewStatus().addNewCondition().withType(condition).withStatus("True").withReason(reason)
                .withMessage(message).endCondition().endStatus().build();
    }

    private static Pod pod(String name, int exitCode, String reason) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus()
                .withContainerStatuses(new ContainerStatusBuilder().withName("deployment").withNewState()
                        .withNewTerminated().withExitCode(exitCode).withReason(reason).endTerminated().endState()
                        .build()).endStatus().build();
    }
}
