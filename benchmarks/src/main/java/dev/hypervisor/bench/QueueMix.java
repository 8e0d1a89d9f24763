package dev.hypervisor.bench;

import dev.hypervisor.common.resources.Resources;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The queues variant of the placement benchmark: every cluster divided into {@code queues} equal queues, the first
 * of which floods it. Half the requests go to the flooding queue, each for a whole CPU held for
 * {@link #FLOOD_HOLD}, so it borrows most of what the other queues leave unused; the other half spread over the
 * other queues, small and completed at once, as in the run without queues. Latencies are kept per side, so the
 * other queues' p99 can be set beside the run without queues.
 */
final class QueueMix {

    static final String FLOOD = "q0";
    static final Duration FLOOD_HOLD = Duration.ofSeconds(5);
    private static final Resources FLOOD_SIZE = new Resources(1000, 64L << 20, 0);

    private final int queues;
    private final Latencies flood = new Latencies();
    private final Latencies others = new Latencies();

    QueueMix(int queues) {
        if (queues == 1 || queues < 0) {
            throw new IllegalArgumentException("--queues is 0 (none) or at least 2 (one floods, the others do not)");
        }
        this.queues = queues;
    }

    boolean divided() {
        return queues > 0;
    }

    /** Divides each cluster (capacity 100 CPUs, 64Gi) into the queues, equal quotas that add up to at most it. */
    void define(Api api, String scheduler, String token, List<UUID> clusters) {
        for (UUID cluster : clusters) {
            for (int i = 0; i < queues; i++) {
                api.send("PUT", scheduler + "/api/v1/clusters/" + cluster + "/queues/q" + i, token, Map.of(
                        "quota", Map.of("cpu", (100_000 / queues) + "m", "memory", (65_536 / queues) + "Mi"),
                        "default", i == 1)).expect(201);
            }
        }
    }

    /** The queue of the next request: the flooding one half the time; null on clusters without queues. */
    String pick() {
        if (!divided()) {
            return null;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return random.nextBoolean() ? FLOOD : "q" + (1 + random.nextInt(queues - 1));
    }

    Resources resources(String queue, Resources small) {
        return FLOOD.equals(queue) ? FLOOD_SIZE : small;
    }

    /** How long the benchmark's executor lets a deployment of the queue run before reporting it completed. */
    Duration hold(String queue) {
        return FLOOD.equals(queue) ? FLOOD_HOLD : Duration.ZERO;
    }

    synchronized void record(String queue, long nanos) {
        (FLOOD.equals(queue) ? flood : others).record(nanos);
    }

    synchronized String summary() {
        return String.format(Locale.ROOT, "queues: %d per cluster; flooding queue %s (%,d placed): %s;"
                + " the other queues (%,d placed): %s", queues, FLOOD, flood.count(), flood.summary(),
                others.count(), others.summary());
    }
}
