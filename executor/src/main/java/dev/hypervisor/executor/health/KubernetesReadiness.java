package dev.hypervisor.executor.health;

import dev.hypervisor.executor.follow.ExecutorLifecycle;
import dev.hypervisor.executor.kubernetes.JobTargets;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the Kubernetes API answers (a list of one Job in a namespace it runs Jobs in: what its role allows)
 * and it has taken up the Jobs it found at start. Kafka's readiness is the Kafka extension's own check.
 */
@Readiness
@ApplicationScoped
public class KubernetesReadiness implements HealthCheck {

    private final KubernetesClient kubernetes;
    private final JobTargets targets;
    private final ExecutorLifecycle lifecycle;

    public KubernetesReadiness(KubernetesClient kubernetes, JobTargets targets, ExecutorLifecycle lifecycle) {
        this.kubernetes = kubernetes;
        this.targets = targets;
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        String namespace = targets.namespaces().iterator().next();
        try {
            kubernetes.batch().v1().jobs().inNamespace(namespace)
                    .list(new ListOptionsBuilder().withLimit(1L).build());
        } catch (KubernetesClientException e) {
            return HealthCheckResponse.named("kubernetes").down().withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
        return HealthCheckResponse.named("kubernetes").status(lifecycle.takenUp())
                .withData("namespace", namespace).withData("jobsTakenUp", lifecycle.takenUp()).build();
    }
}
