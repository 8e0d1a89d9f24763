package dev.hypervisor.bench;

import java.util.Arrays;
import java.util.Locale;

/** Recorded durations of one kind of call, and their percentiles. Thread-safe by copy-on-merge. */
final class Latencies {

    private long[] nanos = new long[1024];
    private int count;

    void record(long duration) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = duration;
    }

    static Latencies merge(Iterable<Latencies> parts) {
        Latencies all = new Latencies();
        for (Latencies part : parts) {
            for (int i = 0; i < part.count; i++) {
                all.record(part.nanos[i]);
            }
        }
        return all;
    }

    int count() {
        return count;
    }

    double percentileMillis(double percentile) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, index))] / 1_000_000.0;
    }

    String summary() {
        return String.format(Locale.ROOT, "p50 %.2f ms  p99 %.2f ms  max %.2f ms", percentileMillis(50),
                percentileMillis(99), percentileMillis(100));
    }
}
