package dev.hypervisor.executor.jobs;

import dev.hypervisor.common.deployment.ReportedStatus;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a Job ended, read from its status as the Job controller wrote it: {@code Complete} is {@code COMPLETED};
 * {@code Failed} is {@code FAILED} with Kubernetes' reason and message, and the first replica that exited badly.
 * A Job that failed because its {@code activeDeadlineSeconds} passed is not reported: that is the deployment's
 * run-time limit, which Hypervisor enforces itself from the same start and no later, and ends as {@code TIMED_OUT}
 * (a {@code FAILED} report racing it could only blur the reason).
 */
public record JobEnding(ReportedStatus status, String message) {

    static final String DEADLINE_EXCEEDED = "DeadlineExceeded";

    /** The Job's ending; empty while it runs, or when its ending is Hypervisor's to state. */
    public static Optional<JobEnding> of(Job job, List<Pod> pods) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        for (JobCondition condition : job.getStatus().getConditions()) {
            if (!"True".equals(condition.getStatus())) {
                continue;
            }
            if ("Complete".equals(condition.getType())) {
                int replicas = Objects.requireNonNullElse(job.getSpec().getCompletions(), 1);
                return Optional.of(new JobEnding(ReportedStatus.COMPLETED,
                        replicas == 1 ? "the Job completed" : "the Job's " + replicas + " replicas completed"));
            }
            if ("Failed".equals(condition.getType())) {
                if (DEADLINE_EXCEEDED.equals(condition.getReason())) {
                    return Optional.empty();
                }
                return Optional.of(new JobEnding(ReportedStatus.FAILED, failure(condition, pods)));
            }
        }
        return Optional.empty();
    }

    private static String failure(JobCondition condition, List<Pod> pods) {
        String reason = condition.getReason() == null ? "Failed" : condition.getReason();
        String message = condition.getMessage() == null ? reason : reason + ": " + condition.getMessage();
        return pods.stream().flatMap(pod -> badExit(pod).stream()).findFirst()
                .map(exit -> message + " (" + exit + ")").orElse(message);
    }

    private static Optional<String> badExit(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        for (ContainerStatus container : pod.getStatus().getContainerStatuses()) {
            ContainerStateTerminated ended = container.getState() == null ? null : container.getState().getTerminated();
            if (ended != null && ended.getExitCode() != null && ended.getExitCode() != 0) {
                String why = ended.getReason() == null ? "" : ended.getReason() + ", ";
                return Optional.of(pod.getMetadata().getName() + ": " + why + "exit code " + ended.getExitCode());
            }
        }
        return Optional.empty();
    }
}
