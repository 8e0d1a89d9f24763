package dev.hypervisor.cluster.inventory.rest;

import dev.hypervisor.cluster.inventory.persistence.DiskRecord;
import dev.hypervisor.cluster.inventory.rest.InventoryDtos.ChangeDiskRequest;
import dev.hypervisor.cluster.inventory.rest.InventoryDtos.DiskRequest;
import dev.hypervisor.cluster.inventory.rest.InventoryDtos.DiskView;
import dev.hypervisor.cluster.inventory.service.DiskService;
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

/** VMs' disks, each claiming its size from a storage device of the VM's pool. Access follows the VM's organization. */
@Path("/api/v1/cloud/disks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "Disks", description = "Disks: {vmId, storageDeviceId, size}")
public class DiskResource {

    private final DiskService disks;
    private final CurrentCaller caller;

    public DiskResource(DiskService disks, CurrentCaller caller) {
        this.disks = disks;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Add a disk to a VM (DEVELOPER and above)",
            description = "Claims size from the storage device, which must be in the VM's pool.")
    @APIResponse(responseCode = "201", description = "The disk, with its ETag")
    @APIResponse(responseCode = "409", description = "The storage device lacks space (INSUFFICIENT_CAPACITY)")
    @APIResponse(responseCode = "422", description = "No such VM or storage device, or the device is not in the"
            + " VM's pool")
    public Response create(@Valid @NotNull DiskRequest request, @Context UriInfo uri) {
        DiskRecord disk = disks.create(caller.get(), request.vmId(), request.storageDeviceId(),
                QuantityFields.bytes("size", request.size()));
        return tagged(Created.at(uri, disk.id()), disk);
    }

    @GET
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "The disks of your organizations' VMs, oldest first; filter by ?vmId=, ?storageDeviceId=")
    public Page<DiskView> list(@QueryParam("vmId") UUID vmId, @QueryParam("storageDeviceId") UUID storageDeviceId,
                               @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return disks.list(caller.get(), Optional.ofNullable(vmId), Optional.ofNullable(storageDeviceId),
                PageRequest.of(limit, cursor)).map(DiskView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "A disk, with how much its partitions take")
    @APIResponse(responseCode = "404", description = "No such disk, or it is not your organization's")
    public Response get(@PathParam("id") UUID id) {
        return tagged(Response.ok(), disks.get(caller.get(), id));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Resize a disk (DEVELOPER and above; If-Match required)",
            description = "Claims the new size from the storage device; never below what the partitions take.")
    @APIResponse(responseCode = "409", description = "Below the partitions, or the device lacks space")
    @APIResponse(responseCode = "412", description = "The If-Match ETag is not the disk's current one")
    @APIResponse(responseCode = "428", description = "No If-Match")
    public Response resize(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull ChangeDiskRequest request) {
        return tagged(Response.ok(), disks.resize(caller.get(), id, EntityTags.generation(ifMatch),
                QuantityFields.bytes("size", request.size())));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Delete a disk without partitions and release its space (DEVELOPER and above)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "It still has partitions")
    public Response delete(@PathParam("id") UUID id) {
        disks.delete(caller.get(), id);
        return Response.noContent().build();
    }

    private static Response tagged(Response.ResponseBuilder response, DiskRecord disk) {
        return response.entity(DiskView.of(disk)).header(HttpHeaders.ETAG, EntityTags.of(disk.version())).build();
    }
}
