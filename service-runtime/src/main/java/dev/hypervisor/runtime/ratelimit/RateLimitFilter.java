package dev.hypervisor.runtime.ratelimit;

import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.common.security.PlatformRole;
import dev.hypervisor.runtime.problem.ProblemResponses;
import dev.hypervisor.runtime.rest.ClientAddress;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Limits every API request per client address and per caller, and endpoints marked {@link RateLimited} more
 * strictly per client address. Refusals are 429 problems with {@code Retry-After} in whole seconds. Health,
 * metrics and the API documentation are not limited, nor are the platform's own service accounts.
 */
@Singleton
public class RateLimitFilter {

    private final RateLimits limits;
    private final CurrentIdentityAssociation identities;
    private final Map<Method, Optional<String>> ruleOfMethod = new ConcurrentHashMap<>();

    /** Filters are made before the configuration is read, so the limits are looked up on first use. */
    public RateLimitFilter(RateLimits limits, CurrentIdentityAssociation identities) {
        this.limits = limits;
        this.identities = identities;
    }

    @ServerRequestFilter
    public Uni<Response> limit(SimpleResourceInfo resource, HttpServerRequest request) {
        if (!limits.enabled()) {
            return Uni.createFrom().nullItem();
        }
        String address = ClientAddress.of(request);
        return identities.getDeferredIdentity()
                .map(identity -> wait(identity, resource, address).map(RateLimitFilter::tooManyRequests).orElse(null))
                // an unusable token is the security layer's to answer (401); the address still counts
                .onFailure().recoverWithItem(() -> wait(null, resource, address)
                        .map(RateLimitFilter::tooManyRequests).orElse(null));
    }

    /**
     * How long the request must wait, if it must. The platform's own service accounts (the scheduler, executors)
     * are not limited: they act for many users at once, and the services they call trust them.
     */
    private Optional<Duration> wait(SecurityIdentity identity, SimpleResourceInfo resource, String address) {
        if (identity != null && (identity.hasRole(PlatformRole.SERVICE) || identity.hasRole(PlatformRole.AGENT))) {
            return Optional.empty();
        }
        Optional<Duration> wait = limits.perAddress().tryTake(address);
        if (wait.isEmpty()) {
            wait = ruleOf(resource).flatMap(rule -> rule.tryTake(address));
        }
        if (wait.isEmpty() && identity != null && !identity.isAnonymous()) {
            wait = limits.perUser().tryTake(identity.getPrincipal().getName());
        }
        return wait;
    }

    private Optional<RateLimiter> ruleOf(SimpleResourceInfo resource) {
        Method method;
        try {
            method = resource.getResourceClass().getMethod(resource.getMethodName(), resource.parameterTypes());
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
        return ruleOfMethod.computeIfAbsent(method,
                        m -> Optional.ofNullable(m.getAnnotation(RateLimited.class)).map(RateLimited::value))
                .flatMap(limits::rule);
    }

    private static Response tooManyRequests(Duration wait) {
        return ProblemResponses.of(ProblemException.tooManyRequests(wait));
    }
}
