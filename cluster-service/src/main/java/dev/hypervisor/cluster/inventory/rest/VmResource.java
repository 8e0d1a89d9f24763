package dev.hypervisor.cluster.inventory.rest;

import dev.hypervisor.cluster.inventory.domain.VmStatus;
import dev.hypervisor.cluster.inventory.persistence.VmRecord;
import dev.hypervisor.cluster.inventory.rest.InventoryDtos.ChangeVmRequest;
import dev.hypervisor.cluster.inventory.rest.InventoryDtos.VmRequest;
import dev.hypervisor.cluster.inventory.rest.InventoryDtos.VmView;
import dev.hypervisor.cluster.inventory.service.VmService;
import dev.hypervisor.cluster.inventory.service.VmService.NewVm;
import dev.hypervisor.cluster.inventory.service.VmService.VmChange;
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

/**
 * Organizations' VMs, each claiming its CPU and memory from its pool. DEVELOPERs and above change them, members
 * read them; to anyone else they do not exist.
 */
@Path("/api/v1/cloud/vms")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "VMs", description = "Virtual machines: {name, organizationId, poolId, instanceType, cpu, memory,"
        + " osId | customOs}")
public class VmResource {

    private final VmService vms;
    private final CurrentCaller caller;

    public VmResource(VmService vms, CurrentCaller caller) {
        this.vms = vms;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Create a VM (DEVELOPER and above of the organization)",
            description = "Claims cpu and memory from the pool; the VM starts PROVISIONING. It runs an operating"
                    + " system of the catalog (osId) or a custom one (customOs), exactly one.")
    @APIResponse(responseCode = "201", description = "The VM, with its ETag")
    @APIResponse(responseCode = "409", description = "The pool lacks capacity (INSUFFICIENT_CAPACITY), or the name"
            + " is taken in the organization")
    @APIResponse(responseCode = "422", description = "No such pool or operating system, or a field is invalid")
    public Response create(@Valid @NotNull VmRequest request, @Context UriInfo uri) {
        VmRecord vm = vms.create(caller.get(), new NewVm(request.name(), request.organizationId(), request.poolId(),
                request.instanceType(), QuantityFields.cpuMillis("cpu", request.cpu()),
                QuantityFields.bytes("memory", request.memory()), request.osId(), request.customOs()));
        return tagged(Created.at(uri, vm.id()), vm);
    }

    @GET
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "The VMs of your organizations, oldest first; filter by ?organizationId=, ?poolId=, ?status=")
    public Page<VmView> list(@QueryParam("organizationId") UUID organizationId, @QueryParam("poolId") UUID poolId,
                             @QueryParam("status") VmStatus status, @QueryParam("limit") Integer limit,
                             @QueryParam("cursor") String cursor) {
        return vms.list(caller.get(), Optional.ofNullable(organizationId), Optional.ofNullable(poolId),
                Optional.ofNullable(status), PageRequest.of(limit, cursor)).map(VmView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "A VM, with its ETag")
    @APIResponse(responseCode = "404", description = "No such VM, or it is not your organization's")
    public Response get(@PathParam("id") UUID id) {
        return tagged(Response.ok(), vms.get(caller.get(), id));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Rename, change status or resize a VM (DEVELOPER and above)",
            description = "status follows PROVISIONING -> RUNNING | FAILED, RUNNING -> STOPPED | FAILED, STOPPED ->"
                    + " RUNNING | FAILED, FAILED -> PROVISIONING. A resize (cpu, memory) claims the new size from the"
                    + " pool and needs If-Match with the ETag.")
    @APIResponse(responseCode = "409", description = "A move the status machine does not allow, the pool lacks"
            + " capacity, or the name is taken")
    @APIResponse(responseCode = "412", description = "The If-Match ETag is not the VM's current one")
    @APIResponse(responseCode = "428", description = "A resize without If-Match")
    public Response change(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull ChangeVmRequest request) {
        VmChange change = new VmChange(Optional.ofNullable(request.name()), Optional.ofNullable(request.instanceType()),
                Optional.ofNullable(request.status()),
                Optional.ofNullable(request.cpu()).map(cpu -> QuantityFields.cpuMillis("cpu", cpu)),
                Optional.ofNullable(request.memory()).map(memory -> QuantityFields.bytes("memory", memory)));
        return tagged(Response.ok(), vms.change(caller.get(), id, EntityTags.generation(ifMatch), change));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Delete a VM and release its capacity at once (DEVELOPER and above)")
    @APIResponse(responseCode = "204", description = "Deleted; its pool has the capacity back")
    public Response delete(@PathParam("id") UUID id) {
        vms.delete(caller.get(), id);
        return Response.noContent().build();
    }

    private static Response tagged(Response.ResponseBuilder response, VmRecord vm) {
        return response.entity(VmView.of(vm)).header(HttpHeaders.ETAG, EntityTags.of(vm.version())).build();
    }
}
