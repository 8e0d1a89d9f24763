package dev.hypervisor.runtime.security;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * A service account's access token from identity-service's client-credentials grant: obtained once and used until
 * a minute before it expires, or until a service answers 401 to it. How it is obtained (the grant's call, and what
 * a refusal means) is the caller's.
 */
public final class ClientCredentialsToken {

    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);
    /** What a grant that names no lifetime is taken to last. */
    private static final long DEFAULT_LIFETIME_SECONDS = 300;

    private final Supplier<Grant> grant;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    public ClientCredentialsToken(Supplier<Grant> grant, Clock clock) {
        this.grant = grant;
        this.clock = clock;
    }

    /** The {@code Authorization} header's value: a valid token, obtained again when the one held is about to expire. */
    public synchronized String bearer() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            Grant granted = grant.get();
            token = granted.accessToken();
            renewAt = clock.instant().plusSeconds(granted.expiresIn() > 0 ? granted.expiresIn()
                    : DEFAULT_LIFETIME_SECONDS).minus(RENEW_BEFORE_EXPIRY);
        }
        return "Bearer " + token;
    }

    /** Forget the token, after a service answered 401 to it. */
    public synchronized void invalidate() {
        token = null;
    }

    /**
     * The grant from the token endpoint's answer; {@code refused} makes the exception for any status but 200 (the
     * account's secret is wrong, or the account does not exist).
     */
    public static Grant grantOf(Response answer, IntFunction<RuntimeException> refused) {
        if (answer.getStatus() != 200) {
            throw refused.apply(answer.getStatus());
        }
        return answer.readEntity(Grant.class);
    }

    /** The grant's answer, as RFC 6749 names its fields. */
    public record Grant(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") long expiresIn) {
    }
}
