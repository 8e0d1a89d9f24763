package dev.hypervisor.executor.hypervisor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Asks Hypervisor whether, and as which start, it still runs a deployment. */
@ApplicationScoped
public class RunningDeployments {

    private final DeploymentsApi api;
    private final AgentToken token;

    public RunningDeployments(@RestClient DeploymentsApi api, AgentToken token) {
        this.api = api;
        this.token = token;
    }

    /** The deployment as Hypervisor has it; empty when it knows none of that id. */
    public Optional<DeploymentsApi.DeploymentState> find(UUID deploymentId) {
        try {
            for (int attempt = 1; ; attempt++) {
                try (Response answer = api.deployment(token.bearer(), deploymentId)) {
                    switch (answer.getStatus()) {
                        case 200:
                            return Optional.of(answer.readEntity(DeploymentsApi.DeploymentState.class));
                        case 404:
                            return Optional.empty();
                        case 401:
                            token.invalidate();
                            if (attempt == 1) {
                                continue; // an expired or revoked token: once more with a new one
                            }
                            // fall through
                        default:
                            throw new HypervisorUnavailableException("the API answered " + answer.getStatus()
                                    + " about deployment " + deploymentId);
                    }
                }
            }
        } catch (ProcessingException | FaultToleranceException unanswered) {
            throw new HypervisorUnavailableException("the API did not answer: " + unanswered.getMessage(), unanswered);
        }
    }
}
