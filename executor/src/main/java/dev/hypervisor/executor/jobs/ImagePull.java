package dev.hypervisor.executor.jobs;

import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a pod waits for an image the kubelet cannot pull. Kubernetes keeps retrying such a pull with back-off and
 * never fails the Job for it, so the capacity Hypervisor holds for it would be held for nothing; the executor
 * fails the deployment once the pull has been stuck for its pull timeout.
 */
public final class ImagePull {

    private static final Set<String> STUCK = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "ErrImageNeverPull", "RegistryUnavailable");

    private ImagePull() {
    }

    /** What stops the pod's image from being pulled ({@code "ImagePullBackOff: ..."}); empty when nothing does. */
    public static Optional<String> trouble(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        for (ContainerStatus container : pod.getStatus().getContainerStatuses()) {
            ContainerStateWaiting waiting = container.getState() == null ? null : container.getState().getWaiting();
            if (waiting != null && STUCK.contains(waiting.getReason())) {
                return Optional.of(waiting.getMessage() == null ? waiting.getReason()
                        : waiting.getReason() + ": " + waiting.getMessage());
            }
        }
        return Optional.empty();
    }
}
