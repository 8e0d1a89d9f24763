package dev.hypervisor.runtime.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/** Rate limits, each written like {@code 600/1m}. */
@ConfigMapping(prefix = "hv.rate-limit")
public interface RateLimitConfig {

    @WithDefault("true")
    boolean enabled();

    /** Every API request, per client address. */
    @WithDefault("600/1m")
    String perAddress();

    /** Every API request, per signed-in user or service account. */
    @WithDefault("600/1m")
    String perUser();

    /** Stricter limits per client address for endpoints marked {@link RateLimited} with the rule's name. */
    Map<String, String> rules();
}
