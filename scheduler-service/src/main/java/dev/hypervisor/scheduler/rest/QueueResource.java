package dev.hypervisor.scheduler.rest;

import dev.hypervisor.common.security.PlatformRole;
import dev.hypervisor.runtime.security.CurrentCaller;
import dev.hypervisor.runtime.rest.PageRequest;
import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.scheduler.domain.QueueQuota;
import dev.hypervisor.scheduler.rest.DeploymentDtos.QueueView;
import dev.hypervisor.scheduler.query.DeploymentQueries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/clusters/{id}/queue")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "Deployments")
public class QueueResource {

    private final DeploymentQueries queries;
    private final CurrentCaller caller;

    public QueueResource(DeploymentQueries queries, CurrentCaller caller) {
        this.queries = queries;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({PlatformRole.USER, PlatformRole.AGENT, PlatformRole.SERVICE})
    @Operation(summary = "The cluster's pending deployments in the order they will be considered, each with why it"
            + " waits and its position",
            description = "Paged like every list (?limit=, default 50, at most 500; ?cursor= from nextCursor);"
                    + " ?queue=, ?priority= and ?userId= (who submitted it) keep those of one queue, priority or"
                    + " person; total is how many of those wait in all. A page costs what lies ahead of its last"
                    + " deployment, not the whole queue; position counts from the head of the whole queue.")
    @APIResponse(responseCode = "404", description = "No such cluster, or not one of your organizations'")
    @APIResponse(responseCode = "422", description = "A limit out of range, a cursor this API did not give out, or a"
            + " queue name that is no queue name")
    public QueueView queue(@PathParam("id") UUID clusterId, @QueryParam("limit") Integer limit,
                           @QueryParam("cursor") String cursor,
                           @QueryParam("queue") @Pattern(regexp = QueueQuota.NAME_PATTERN) String queue,
                           @QueryParam("priority") Priority priority, @QueryParam("userId") UUID userId) {
        return QueueView.of(clusterId, queries.queue(caller.get(), clusterId, queue, priority, userId,
                PageRequest.of(limit, cursor)));
    }
}
