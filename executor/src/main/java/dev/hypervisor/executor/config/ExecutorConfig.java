package dev.hypervisor.executor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The executor's settings (README, "Configuration"): which Hypervisor clusters it serves and where their Jobs go. */
@ConfigMapping(prefix = "hv.executor")
public interface ExecutorConfig {

    /** Its name in heartbeats and in the label {@code hypervisor.dev/executor} of its Jobs. */
    @WithDefault("kubernetes-executor")
    String id();

    /** The Hypervisor clusters whose placed deployments it runs ({@code HV_EXECUTOR_CLUSTERS}). */
    List<UUID> clusters();

    /** Per Hypervisor cluster (by id), the namespace and node selector of its Jobs. */
    @WithName("cluster")
    Map<String, Target> targets();

    /** The namespace of Jobs of clusters that name none; empty: the Kubernetes client's own. */
    Optional<String> namespace();

    /** How long a replica's image may go unpulled before the deployment fails ({@code HV_EXECUTOR_PULL_TIMEOUT}). */
    @WithDefault("5m")
    Duration pullTimeout();

    /** How often it tells Hypervisor what it runs (API.md: at least every 10 s). */
    @WithDefault("10s")
    Duration heartbeatInterval();

    /** How often it looks for what time alone decides: images not pulled in time, stopped replicas gone. */
    @WithDefault("1s")
    Duration checkInterval();

    /** The client id of its service account (platform role {@code agent}). */
    @WithDefault("executor")
    String clientId();

    /** Its service account's secret ({@code HV_EXECUTOR_CLIENT_SECRET}). */
    Optional<String> clientSecret();

    /** How it reaches the Kubernetes API. */
    KubernetesApi kubernetes();

    /** Where a Hypervisor cluster's Jobs run. */
    interface Target {

        /** Its namespace; empty: the executor's {@link #namespace()}. */
        Optional<String> namespace();

        /** The node selector of its Jobs' pods. */
        Map<String, String> nodeSelector();
    }

    /** The Kubernetes API: as the fabric8 client finds it (in-cluster, or a kubeconfig), unless a URL is set. */
    interface KubernetesApi {

        /** The API server's URL, overriding what the client would find (the tests' Kubernetes test server). */
        Optional<String> masterUrl();
    }
}
