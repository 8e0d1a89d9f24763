package dev.hypervisor.scheduler.rest;

import dev.hypervisor.common.security.PlatformRole;
import dev.hypervisor.runtime.security.CurrentCaller;
import dev.hypervisor.scheduler.quotas.QueueQuotas;
import dev.hypervisor.scheduler.rest.QueueDtos.QueueList;
import dev.hypervisor.scheduler.rest.QueueDtos.QueueRequest;
import dev.hypervisor.scheduler.rest.QueueDtos.QueueView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/clusters/{id}/queues")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "Queues", description = "A cluster divided among teams: quotas, borrowing and lending, fair shares")
public class QueuesResource {

    private final QueueQuotas queues;
    private final CurrentCaller caller;

    public QueuesResource(QueueQuotas queues, CurrentCaller caller) {
        this.queues = queues;
        this.caller = caller;
    }

    @PUT
    @Path("/{name}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Define or replace a queue of the cluster (ADMIN and above)",
            description = "quota is what the queue is guaranteed; borrowingLimit the most it may use beyond that of"
                    + " what other queues leave unused (absent: no limit), lendingLimit the most of its unused quota"
                    + " others may use (absent: all); weight (default 1) its weight in fair sharing; members who may"
                    + " submit to it (absent: every DEVELOPER and above); default: it takes submissions that name no"
                    + " queue. The quotas of the cluster's queues together may not exceed its capacity.")
    @APIResponse(responseCode = "201", description = "Defined, with how it stands")
    @APIResponse(responseCode = "200", description = "Replaced, with how it stands")
    @APIResponse(responseCode = "404", description = "No such cluster, or not one of your organizations'")
    @APIResponse(responseCode = "422", description = "A field is invalid (also: members who are not members of the"
            + " organization), or the quotas would exceed the cluster's capacity (QUOTA_EXCEEDS_CAPACITY)")
    @APIResponse(responseCode = "503", description = "identity-service, asked who the members are, did not answer")
    public Response put(@PathParam("id") UUID clusterId, @PathParam("name") String name,
                        @Valid @NotNull QueueRequest request, @Context UriInfo uri,
                        @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        boolean created = queues.put(caller.get(), clusterId, name, request.toQuota(name), request.memberList(),
                request.isDefaultQueue(), authorization);
        QueueView view = QueueView.of(queues.get(caller.get(), clusterId, name));
        return (created ? Response.created(uri.getAbsolutePath()) : Response.ok()).entity(view).build();
    }

    @GET
    @RolesAllowed({PlatformRole.USER, PlatformRole.AGENT, PlatformRole.SERVICE})
    @Operation(summary = "The cluster's queues by name, each with its usage, what it borrows, its running and"
            + " pending deployments and its share",
            description = "overcommitted: the quotas together exceed the cluster's capacity (it was shrunk since);"
                    + " the scheduler then admits by what is really there.")
    @APIResponse(responseCode = "404", description = "No such cluster, or not one of your organizations'")
    public QueueList list(@PathParam("id") UUID clusterId) {
        return new QueueList(clusterId, queues.list(caller.get(), clusterId).stream().map(QueueView::of).toList());
    }

    @DELETE
    @Path("/{name}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Delete a queue (ADMIN and above)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such cluster or queue")
    @APIResponse(responseCode = "409", description = "It has pending or running deployments (QUEUE_IN_USE)")
    public Response delete(@PathParam("id") UUID clusterId, @PathParam("name") String name) {
        queues.delete(caller.get(), clusterId, name);
        return Response.noContent().build();
    }
}
