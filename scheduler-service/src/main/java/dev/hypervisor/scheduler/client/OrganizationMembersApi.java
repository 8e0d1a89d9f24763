package dev.hypervisor.scheduler.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** identity-service's members of an organization, asked as the person who asks the scheduler. */
@RegisterRestClient(configKey = "identity-service")
@Path("/api/v1/organizations/{id}/members")
interface OrganizationMembersApi {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Response members(@PathParam("id") UUID organizationId, @QueryParam("limit") int limit,
                     @QueryParam("cursor") String cursor, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}
