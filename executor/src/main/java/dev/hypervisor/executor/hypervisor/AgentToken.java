package dev.hypervisor.executor.hypervisor;

import dev.hypervisor.executor.config.ExecutorConfig;
import dev.hypervisor.runtime.security.ClientCredentialsToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The executor's access token (platform role {@code agent}), from identity-service's client-credentials grant. */
@ApplicationScoped
public class AgentToken {

    private final IdentityTokenApi identity;
    private final ExecutorConfig config;
    private final ClientCredentialsToken token;

    public AgentToken(@RestClient IdentityTokenApi identity, ExecutorConfig config, Clock clock) {
        this.identity = identity;
        this.config = config;
        this.token = new ClientCredentialsToken(this::obtain, clock);
    }

    /** The {@code Authorization} header's value. */
    public String bearer() {
        return token.bearer();
    }

    /** Forget the token, after the API answered 401 to it. */
    public void invalidate() {
        token.invalidate();
    }

    private ClientCredentialsToken.Grant obtain() {
        String secret = config.clientSecret().orElseThrow(() -> new HypervisorUnavailableException(
                "no client secret is configured for the executor's account (HV_EXECUTOR_CLIENT_SECRET)"));
        try (Response answer = identity.token("client_credentials", config.clientId(), secret)) {
            return ClientCredentialsToken.grantOf(answer, status -> new HypervisorUnavailableException(
                    "identity-service refused the executor's credentials: " + status));
        }
    }
}
