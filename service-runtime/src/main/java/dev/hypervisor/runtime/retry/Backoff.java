package dev.hypervisor.runtime.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exponential back-off, per key: after the n-th failure in a row, the next attempt waits {@code first * 2^(n-1)},
 * never more than {@code longest}. A success forgets the failures. So a dependency that is down is asked less and
 * less often, never more rarely than every {@code longest}, and work resumes soon after it returns.
 */
public final class Backoff<K> {

    private record Failures(int count, Instant retryAt) {
    }

    private final Duration first;
    private final Duration longest;
    private final Map<K, Failures> failures = new ConcurrentHashMap<>();

    public Backoff(Duration first, Duration longest) {
        if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < first <= longest");
        }
        this.first = first;
        this.longest = longest;
    }

    /** Records a failure at {@code now}; answers how long to wait before the next attempt. */
    public Duration failed(K key, Instant now) {
        Failures next = failures.merge(key, new Failures(1, now.plus(first)), (before, ignored) -> {
            int count = before.count() + 1;
            return new Failures(count, now.plus(delay(count)));
        });
        return Duration.between(now, next.retryAt());
    }

    public void succeeded(K key) {
        failures.remove(key);
    }

    /** True while the key's last failure asks to wait. */
    public boolean waiting(K key, Instant now) {
        return retryAt(key).filter(now::isBefore).isPresent();
    }

    /** When the key may be tried again, if its last attempt failed. */
    public Optional<Instant> retryAt(K key) {
        return Optional.ofNullable(failures.get(key)).map(Failures::retryAt);
    }

    /** The wait after the given number of failures in a row. */
    public Duration delay(int failuresInARow) {
        if (failuresInARow <= 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failuresInARow - 1, 30); // 2^30 of any sensible first wait exceeds any longest
        Duration delay = first.multipliedBy(1L << doublings);
        return delay.compareTo(longest) > 0 ? longest : delay;
    }
}
