package dev.hypervisor.executor.hypervisor;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** scheduler-service's deployments (directly, or through the gateway or the Ingress), as the agent account reads them. */
@RegisterRestClient(configKey = "deployments")
@Path("/api/v1/deployments")
public interface DeploymentsApi {

    /** A deployment as Hypervisor has it: 200 with {@link DeploymentState}, or 404. */
    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, retryOn = ProcessingException.class)
    Response deployment(@HeaderParam("Authorization") String bearer, @PathParam("id") UUID id);

    /** What the executor needs of a deployment: whether it still runs, and which start. */
    record DeploymentState(UUID id, String status, int attempts) {
    }
}
