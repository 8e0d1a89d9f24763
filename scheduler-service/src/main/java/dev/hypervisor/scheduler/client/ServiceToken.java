package dev.hypervisor.scheduler.client;

import dev.hypervisor.runtime.security.ClientCredentialsToken;
import dev.hypervisor.scheduler.config.SchedulerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The scheduler's own access token (platform role {@code service}), from identity-service's client-credentials
 * grant: obtained once and used until a minute before it expires, or until a service answers 401 to it.
 */
@ApplicationScoped
public class ServiceToken {

    private final IdentityTokenApi identity;
    private final SchedulerConfig config;
    private final ClientCredentialsToken token;

    public ServiceToken(@RestClient IdentityTokenApi identity, SchedulerConfig config, Clock clock) {
        this.identity = identity;
        this.config = config;
        this.token = new ClientCredentialsToken(this::obtain, clock);
    }

    /** The {@code Authorization} header's value: a valid token, obtained again when the one held is about to expire. */
    public String bearer() {
        return token.bearer();
    }

    /** Forget the token, after a service answered 401 to it. */
    public void invalidate() {
        token.invalidate();
    }

    private ClientCredentialsToken.Grant obtain() {
        String secret = config.clientSecret().orElseThrow(() -> new UpstreamException(
                "no client secret is configured for the scheduler's service account (HV_SCHEDULER_CLIENT_SECRET)"));
        try (Response answer = identity.token("client_credentials", config.clientId(), secret)) {
            return ClientCredentialsToken.grantOf(answer, status -> new UpstreamException(
                    "identity-service refused the scheduler's credentials: " + status));
        } catch (ProcessingException | FaultToleranceException unanswered) {
            throw new UpstreamException("identity-service did not answer: " + unanswered.getMessage(), unanswered);
        }
    }
}
