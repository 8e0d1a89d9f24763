package dev.hypervisor.executor.kubernetes;

import dev.hypervisor.executor.config.ExecutorConfig;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The Kubernetes client: configured as fabric8 finds it (the pod's service account inside a cluster, else the
 * kubeconfig of {@code KUBECONFIG} or {@code ~/.kube/config}), or aimed at {@code hv.executor.kubernetes.master-url}
 * when that is set (tests point it at the Kubernetes test server).
 */
public class KubernetesClientProducer {

    @Produces
    @Singleton
    KubernetesClient kubernetes(ExecutorConfig settings) {
        Config config = settings.kubernetes().masterUrl().map(url -> new ConfigBuilder(Config.empty()).withMasterUrl(url)
                .withTrustCerts(true).withNamespace("default").build()).orElseGet(() -> Config.autoConfigure(null));
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    void close(@Disposes KubernetesClient client) {
        client.close();
    }
}
