package dev.hypervisor.scheduler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Executors' leases ({@code HV_EXECUTOR_LEASE}). */
@ConfigMapping(prefix = "hv.executor")
public interface ExecutorLeaseConfig {

    /**
     * How long a cluster's executor may go without a heartbeat before the deployments it runs are taken as lost
     * ({@code EXECUTOR_LOST}); executors send one at least every 10 s.
     */
    @WithDefault("30s")
    Duration lease();
}
