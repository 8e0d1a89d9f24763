package dev.hypervisor.runtime.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The configured limiters: per client address, per caller, and the named rules. */
@ApplicationScoped
public class RateLimits {

    private final boolean enabled;
    private final RateLimiter perAddress;
    private final RateLimiter perUser;
    private final Map<String, RateLimiter> rules = new HashMap<>();

    public RateLimits(RateLimitConfig config) {
        this.enabled = config.enabled();
        this.perAddress = new RateLimiter(Limit.parse(config.perAddress()));
        this.perUser = new RateLimiter(Limit.parse(config.perUser()));
        config.rules().forEach((name, limit) -> rules.put(name, new RateLimiter(Limit.parse(limit))));
    }

    public boolean enabled() {
        return enabled;
    }

    public RateLimiter perAddress() {
        return perAddress;
    }

    public RateLimiter perUser() {
        return perUser;
    }

    public Optional<RateLimiter> rule(String name) {
        return Optional.ofNullable(rules.get(name));
    }
}
