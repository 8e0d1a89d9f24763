package dev.hypervisor.runtime.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Optional;

/**
 * Token buckets per key (a client address, a user, a username and address), one limit for all keys, kept in
 * memory for as long as a key is in use. Limits are per service instance.
 */
public final class RateLimiter {

    private static final long MAX_KEYS = 200_000;

    private final Limit limit;
    private final Cache<String, Bucket> buckets;

    public RateLimiter(Limit limit) {
        this.limit = limit;
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(limit.window().multipliedBy(2))
                .maximumSize(MAX_KEYS)
                .build();
    }

    /** Takes one token for {@code key}; when there is none, answers how long until there is. */
    public Optional<Duration> tryTake(String key) {
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Whether {@code key} has a token left, without taking it; when not, how long until it has. */
    public Optional<Duration> check(String key) {
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket == null) {
            return Optional.empty();
        }
        long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return nanos == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
    }

    /** Takes one token for {@code key} if there is one, to count an event such as a failed login. */
    public void record(String key) {
        bucket(key).tryConsume(1);
    }

    private Bucket bucket(String key) {
        return buckets.get(key, ignored -> Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limit.requests())
                        .refillGreedy(limit.requests(), limit.window())
                        .build())
                .build());
    }
}
