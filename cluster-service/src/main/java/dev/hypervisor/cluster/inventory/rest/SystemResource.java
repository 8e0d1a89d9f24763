package dev.hypervisor.cluster.inventory.rest;

import dev.hypervisor.cluster.inventory.persistence.SystemRecord;
import dev.hypervisor.cluster.inventory.rest.InventoryDtos.ChangeSystemRequest;
import dev.hypervisor.cluster.inventory.rest.InventoryDtos.SystemRequest;
import dev.hypervisor.cluster.inventory.rest.InventoryDtos.SystemView;
import dev.hypervisor.cluster.inventory.service.SystemService;
import dev.hypervisor.cluster.rest.EntityTags;
import dev.hypervisor.common.security.PlatformRole;
import dev.hypervisor.runtime.rest.Created;
import dev.hypervisor.runtime.rest.Page;
import dev.hypervisor.runtime.rest.PageRequest;
import dev.hypervisor.runtime.security.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Systems: named groups of an organization's VMs, listed both ways (a system's vmIds; ?vmId= for a VM's systems). */
@Path("/api/v1/cloud/systems")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "Systems", description = "Systems: {name, description, organizationId} with vmIds")
public class SystemResource {

    private final SystemService systems;
    private final CurrentCaller caller;

    public SystemResource(SystemService systems, CurrentCaller caller) {
        this.systems = systems;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Create a system (DEVELOPER and above of the organization)")
    @APIResponse(responseCode = "201", description = "The system, with its ETag")
    @APIResponse(responseCode = "409", description = "The organization has a system of that name")
    public Response create(@Valid @NotNull SystemRequest request, @Context UriInfo uri) {
        SystemRecord system = systems.create(caller.get(), request.organizationId(), request.name(),
                request.description());
        return tagged(Created.at(uri, system.id()), system);
    }

    @GET
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Your organizations' systems, oldest first; ?organizationId= picks one organization's,"
            + " ?vmId= lists the systems a VM is in")
    public Page<SystemView> list(@QueryParam("organizationId") UUID organizationId, @QueryParam("vmId") UUID vmId,
                                 @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return systems.list(caller.get(), Optional.ofNullable(organizationId), Optional.ofNullable(vmId),
                PageRequest.of(limit, cursor)).map(SystemView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "A system with the VMs in it")
    @APIResponse(responseCode = "404", description = "No such system, or it is not your organization's")
    public Response get(@PathParam("id") UUID id) {
        return tagged(Response.ok(), systems.get(caller.get(), id));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Rename or describe a system (DEVELOPER and above; If-Match optional)")
    @APIResponse(responseCode = "412", description = "The If-Match ETag is not the system's current one")
    public Response change(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull ChangeSystemRequest request) {
        return tagged(Response.ok(), systems.change(caller.get(), id, EntityTags.generation(ifMatch),
                Optional.ofNullable(request.name()), Optional.ofNullable(request.description())));
    }

    @POST
    @Path("/{id}/vms/{vmId}")
    @Consumes(MediaType.WILDCARD) // no body: any Content-Type, or none
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Put a VM of the system's organization in the system (again changes nothing)")
    @APIResponse(responseCode = "422", description = "No such VM in the system's organization")
    public Response addVm(@PathParam("id") UUID id, @PathParam("vmId") UUID vmId) {
        return tagged(Response.ok(), systems.addVm(caller.get(), id, vmId));
    }

    @DELETE
    @Path("/{id}/vms/{vmId}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Take a VM out of the system (a VM not in it changes nothing)")
    public Response removeVm(@PathParam("id") UUID id, @PathParam("vmId") UUID vmId) {
        return tagged(Response.ok(), systems.removeVm(caller.get(), id, vmId));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Delete a system (its VMs stay)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") UUID id) {
        systems.delete(caller.get(), id);
        return Response.noContent().build();
    }

    private static Response tagged(Response.ResponseBuilder response, SystemRecord system) {
        return response.entity(SystemView.of(system)).header(HttpHeaders.ETAG, EntityTags.of(system.version())).build();
    }
}
