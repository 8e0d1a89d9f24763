package dev.hypervisor.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a placement's time goes, from the times the events carry (every process runs on this machine, so their
 * wall clocks agree): from sending the request to the intake writing its {@code DeploymentQueued} event (Kafka
 * and the event door), from there to the pass that started it (waiting for a pass, planning, the ledger call),
 * and from the start to the placement event reaching the benchmark (the pass's commit, the outbox relay, Kafka).
 */
final class LatencyStages {

    /** A wall-clock instant and the {@link System#nanoTime} of it, to put the load's send times on the wall clock. */
    private final Instant origin = Instant.now();
    private final long originNanos = System.nanoTime();
    private final Map<UUID, Instant> queuedAt = new ConcurrentHashMap<>();
    private final Latencies toQueued = new Latencies();
    private final Latencies toStarted = new Latencies();
    private final Latencies toSeen = new Latencies();

    void queued(UUID deployment, Instant writtenAt) {
        queuedAt.put(deployment, writtenAt);
    }

    /**
     * The placement event arrived ({@code seenNanos}) for the request sent at {@code sentNanos} (both
     * {@link System#nanoTime}); {@code measuring} says whether it counts.
     */
    void placed(UUID deployment, long sentNanos, long seenNanos, Instant startedAt, boolean measuring) {
        Instant queued = queuedAt.remove(deployment);
        if (!measuring || queued == null || startedAt == null) {
            return;
        }
        Instant sent = wallClockAt(sentNanos);
        Instant seen = wallClockAt(seenNanos);
        synchronized (this) {
            toQueued.record(nanosBetween(sent, queued));
            toStarted.record(nanosBetween(queued, startedAt));
            toSeen.record(nanosBetween(startedAt, seen));
        }
    }

    synchronized String summary() {
        return String.format(Locale.ROOT, "where the time went (p50 / p99 ms): request to queued %.1f / %.1f,"
                        + " queued to started %.1f / %.1f, started to placement seen %.1f / %.1f",
                toQueued.percentileMillis(50), toQueued.percentileMillis(99), toStarted.percentileMillis(50),
                toStarted.percentileMillis(99), toSeen.percentileMillis(50), toSeen.percentileMillis(99));
    }

    private Instant wallClockAt(long nanos) {
        return origin.plusNanos(nanos - originNanos);
    }

    private static long nanosBetween(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toNanos());
    }
}
