package dev.hypervisor.scheduler.scheduling;

import dev.hypervisor.runtime.retry.Backoff;
import dev.hypervisor.scheduler.client.UpstreamException;
import dev.hypervisor.scheduler.config.SchedulerConfig;
import dev.hypervisor.scheduler.metrics.SchedulerMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The clusters whose last pass failed (cluster-service or the database could not answer, most likely, or the
 * ledger refused the pass), and how long each waits before its next: longer after each failure in a row, so that
 * an outage is not met with a storm of calls.
 */
@ApplicationScoped
class PassFailures {

    private static final Logger LOG = Logger.getLogger(PassFailures.class);

    private final Backoff<UUID> backoff;
    private final SchedulerMetrics metrics;
    private final Clock clock;

    PassFailures(SchedulerConfig config, SchedulerMetrics metrics, Clock clock) {
        this.backoff = new Backoff<>(config.retryFirst(), config.retryLongest());
        this.metrics = metrics;
        this.clock = clock;
    }

    /** True while the cluster waits out its back-off: a retry is already timed for when it ends. */
    boolean waiting(UUID clusterId) {
        return backoff.waiting(clusterId, clock.instant());
    }

    void succeeded(UUID clusterId) {
        backoff.succeeded(clusterId);
    }

    /** Records the failure, says why in the log, and answers how long the cluster waits before it is tried again. */
    Duration failed(UUID clusterId, RuntimeException failure) {
        Duration wait = backoff.failed(clusterId, clock.instant());
        metrics.passFailed();
        if (failure instanceof LedgerRefusal) {
            LOG.infof("cluster %s: %s; the pass is retried in %d ms", clusterId, failure.getMessage(), wait.toMillis());
        } else if (failure instanceof UpstreamException) {
            LOG.warnf("cluster %s: %s; the pass is retried in %d ms", clusterId, failure.getMessage(), wait.toMillis());
        } else {
            LOG.warnf(failure, "cluster %s: the scheduling pass failed; it is retried in %d ms", clusterId,
                    wait.toMillis());
        }
        return wait;
    }

    /** The ledger refused a cluster's share of a pass: the queue's idea of the cluster was out of date. */
    static final class LedgerRefusal extends RuntimeException {
        LedgerRefusal() {
            super("the ledger refused the pass's claims and releases (the cluster was resized or deleted); the queue"
                    + " is rebuilt", null, false, false);
        }
    }
}
