package dev.hypervisor.cluster.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Executors' leases ({@code HV_EXECUTOR_LEASE}), as the scheduler holds them, for the clusters' views. */
@ConfigMapping(prefix = "hv.executor")
public interface ExecutorLeaseConfig {

    /** How long a cluster's executor may go without a heartbeat before its deployments are taken as lost. */
    @WithDefault("30s")
    Duration lease();
}
