package dev.hypervisor.cluster.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;

/**
 * How the ledger is doing: how long a claim or release takes from request to commit (a histogram, so percentiles
 * can be read off it), how many consumers requests name, how many requests share a transaction, and how many
 * were refused for lack of capacity.
 */
@ApplicationScoped
public class LedgerMetrics {

    private final Timer requests;
    private final DistributionSummary requestSize;
    private final Timer groups;
    private final DistributionSummary groupSize;
    private final Counter conflicts;

    public LedgerMetrics(MeterRegistry registry) {
        this.requests = Timer.builder("hypervisor.ledger.change")
                .description("Time from a claim, release or batch to its commit")
                .publishPercentileHistogram()
                .register(registry);
        this.requestSize = DistributionSummary.builder("hypervisor.ledger.change.consumers")
                .description("Consumers claimed or released per request").register(registry);
        this.groups = Timer.builder("hypervisor.ledger.transaction")
                .description("Time of one ledger transaction, which may carry many requests").register(registry);
        this.groupSize = DistributionSummary.builder("hypervisor.ledger.transaction.requests")
                .description("Requests per ledger transaction").register(registry);
        this.conflicts = Counter.builder("hypervisor.ledger.conflicts")
                .description("Requests refused because a claim did not fit (INSUFFICIENT_CAPACITY)")
                .register(registry);
    }

    public void requestTook(long nanos, int consumers) {
        requests.record(nanos, TimeUnit.NANOSECONDS);
        requestSize.record(consumers);
    }

    public void groupTook(long nanos, int requests) {
        groups.record(nanos, TimeUnit.NANOSECONDS);
        groupSize.record(requests);
    }

    public void conflict() {
        conflicts.increment();
    }
}
