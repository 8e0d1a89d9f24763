package dev.hypervisor.runtime.ratelimit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts an endpoint under a stricter, named limit per client address on top of the general ones, configured as
 * {@code hv.rate-limit.rules.<name>=60/1m}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RateLimited {

    String value();
}
