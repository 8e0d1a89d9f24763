package dev.hypervisor.executor.hypervisor;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * identity-service's token endpoint (directly, or through the gateway or the Ingress), for the executor's
 * client-credentials grant ({@code ClientCredentialsToken.Grant}).
 */
@RegisterRestClient(configKey = "identity")
@Path("/api/v1/auth/token")
public interface IdentityTokenApi {

    /** The client-credentials grant of the executor's service account. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    Response token(@FormParam("grant_type") String grantType, @FormParam("client_id") String clientId,
                   @FormParam("client_secret") String clientSecret);
}
