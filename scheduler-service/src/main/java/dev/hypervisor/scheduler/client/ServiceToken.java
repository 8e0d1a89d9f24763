package dev.hypervisor.scheduler.client;

import dev.hypervisor.scheduler.config.SchedulerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The scheduler's own access token (platform role {@code service}), from identity-service's client-credentials
 * grant: obtained once and used until a minute before it expires, or until a service answers 401 to it.
 */
@ApplicationScoped
public class ServiceToken {

    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);

    private final IdentityTokenApi identity;
    private final SchedulerConfig config;
    private final Clock clock;
    private String token;
    private Instant renewAt = Instant.MIN;

    public ServiceToken(@RestClient IdentityTokenApi identity, SchedulerConfig config, Clock clock) {
        this.identity = identity;
        this.config = config;
        this.clock = clock;
    }

    /** The {@code Authorization} header's value: a valid token, obtained again when the one held is about to expire. */
    public synchronized String bearer() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            obtain();
        }
        return "Bearer " + token;
    }

    /** Forget the token, after a service answered 401 to it. */
    public synchronized void invalidate() {
        token = null;
    }

    private void obtain() {
        String secret = config.clientSecret().orElseThrow(() -> new UpstreamException(
                "no client secret is configured for the scheduler's service account (HV_SCHEDULER_CLIENT_SECRET)"));
        try (Response answer = identity.token("client_credentials", config.clientId(), secret)) {
            if (answer.getStatus() != 200) {
                throw new UpstreamException("identity-service refused the scheduler's credentials: "
                        + answer.getStatus());
            }
            IdentityTokenApi.Token granted = answer.readEntity(IdentityTokenApi.Token.class);
            token = granted.accessToken();
            renewAt = clock.instant().plusSeconds(granted.expiresIn() > 0 ? granted.expiresIn() : 300)
                    .minus(RENEW_BEFORE_EXPIRY);
        } catch (ProcessingException | FaultToleranceException unanswered) {
            throw new UpstreamException("identity-service did not answer: " + unanswered.getMessage(), unanswered);
        }
    }
}
