package dev.hypervisor.executor.kubernetes;

import dev.hypervisor.executor.config.ExecutorConfig;
import dev.hypervisor.executor.jobs.JobTarget;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Where each served cluster's Jobs go, from the settings: its own namespace and node selector, or the defaults. */
@ApplicationScoped
public class JobTargets {

    private final ExecutorConfig config;
    private final String defaultNamespace;

    public JobTargets(ExecutorConfig config, KubernetesClient kubernetes) {
        this.config = config;
        this.defaultNamespace = config.namespace().orElseGet(() -> kubernetes.getNamespace() == null
                ? "default" : kubernetes.getNamespace());
    }

    public boolean serves(UUID clusterId) {
        return config.clusters().contains(clusterId);
    }

    public JobTarget of(UUID clusterId) {
        ExecutorConfig.Target target = config.targets().get(clusterId.toString());
        if (target == null) {
            return new JobTarget(defaultNamespace, Map.of());
        }
        return new JobTarget(target.namespace().orElse(defaultNamespace), target.nodeSelector());
    }

    /** Every namespace a served cluster's Jobs may be in: the ones the executor watches. */
    public Set<String> namespaces() {
        Set<String> namespaces = new LinkedHashSet<>();
        config.clusters().forEach(cluster -> namespaces.add(of(cluster).namespace()));
        return namespaces;
    }
}
