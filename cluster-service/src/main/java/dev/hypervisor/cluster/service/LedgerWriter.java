package dev.hypervisor.cluster.service;

import dev.hypervisor.cluster.metrics.LedgerMetrics;
import dev.hypervisor.runtime.lifecycle.BackgroundWorker;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Writes the ledger in groups: requests that arrive while a transaction is under way wait for it, then go
 * together in the next one. Under light load every request is a group of its own; under heavy load the
 * database sees one transaction for many requests, which is what lets one small machine take thousands of
 * claims a second. Each request is still decided on its own ({@link LedgerTransaction}); a request that names a
 * consumer already in the forming group waits for the group after, so a consumer's changes keep their order.
 *
 * <p>One writer per service instance; instances side by side stay correct through the database's locks.
 */
@ApplicationScoped
public class LedgerWriter {

    private static final Logger LOG = Logger.getLogger(LedgerWriter.class);
    /** Bounds a group's transaction: how many consumers it may lock at most. */
    private static final int MAX_CONSUMERS_PER_GROUP = 2_000;

    private record Pending(LedgerRequest request, CompletableFuture<LedgerOutcome> outcome) {
    }

    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final LedgerTransaction transaction;
    private final LedgerMetrics metrics;
    private volatile BackgroundWorker worker;

    public LedgerWriter(LedgerTransaction transaction, LedgerMetrics metrics) {
        this.transaction = transaction;
        this.metrics = metrics;
    }

    /** The request's outcome, once the transaction of its group has committed (or failed). */
    public CompletableFuture<LedgerOutcome> submit(LedgerRequest request) {
        if (worker == null || !worker.running()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the ledger writer is not running"));
        }
        CompletableFuture<LedgerOutcome> outcome = new CompletableFuture<>();
        queue.add(new Pending(request, outcome));
        return outcome;
    }

    void start(@Observes StartupEvent started) {
        worker = new BackgroundWorker("ledger-writer", this::run);
        worker.start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (worker != null) {
            worker.stop();
        }
    }

    private void run() {
        Deque<Pending> carried = new ArrayDeque<>();
        while (worker.running()) {
            try {
                List<Pending> group = nextGroup(carried);
                if (!group.isEmpty()) {
                    write(group);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        IllegalStateException stopped = new IllegalStateException("the service is stopping");
        carried.forEach(pending -> pending.outcome().completeExceptionally(stopped));
        queue.forEach(pending -> pending.outcome().completeExceptionally(stopped));
    }

    /**
     * The next group: requests carried over first, then whatever is queued, in arrival order, leaving for the
     * next group any request that names a consumer already in this one.
     */
    private List<Pending> nextGroup(Deque<Pending> carried) throws InterruptedException {
        if (carried.isEmpty()) {
            Pending first = queue.poll(1, TimeUnit.SECONDS);
            if (first == null) {
                return List.of();
            }
            carried.add(first);
        }
        queue.drainTo(carried);
        List<Pending> group = new ArrayList<>();
        Set<UUID> consumers = new HashSet<>();
        Deque<Pending> later = new ArrayDeque<>();
        while (!carried.isEmpty()) {
            Pending next = carried.poll();
            Set<UUID> named = next.request().consumers();
            boolean overlaps = named.stream().anyMatch(consumers::contains);
            boolean full = !group.isEmpty() && consumers.size() + named.size() > MAX_CONSUMERS_PER_GROUP;
            if (overlaps || full) {
                later.add(next);
            } else {
                group.add(next);
                consumers.addAll(named);
            }
        }
        carried.addAll(later);
        return group;
    }

    private void write(List<Pending> group) {
        long started = System.nanoTime();
        try {
            List<LedgerOutcome> outcomes = transaction.apply(group.stream().map(Pending::request).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).outcome().complete(outcomes.get(i));
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "a ledger transaction of %d requests failed; none of them was applied", group.size());
            group.forEach(pending -> pending.outcome().completeExceptionally(e));
        } finally {
            metrics.groupTook(System.nanoTime() - started, group.size());
        }
    }
}
