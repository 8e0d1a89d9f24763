package dev.hypervisor.cluster.inventory.rest;

import dev.hypervisor.cluster.inventory.persistence.PartitionRecord;
import dev.hypervisor.cluster.inventory.rest.InventoryDtos.ChangePartitionRequest;
import dev.hypervisor.cluster.inventory.rest.InventoryDtos.PartitionRequest;
import dev.hypervisor.cluster.inventory.rest.InventoryDtos.PartitionView;
import dev.hypervisor.cluster.inventory.service.PartitionService;
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

/** Partitions of a disk: together they never exceed it. Access follows the disk's organization. */
@Path("/api/v1/cloud/partitions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "Partitions", description = "Partitions: {diskId, size, filesystem}")
public class PartitionResource {

    private final PartitionService partitions;
    private final CurrentCaller caller;

    public PartitionResource(PartitionService partitions, CurrentCaller caller) {
        this.partitions = partitions;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Add a partition to a disk (DEVELOPER and above)",
            description = "It must fit in what the disk's other partitions leave. filesystem is one of ext4, xfs,"
                    + " btrfs, zfs, ntfs, fat32, swap.")
    @APIResponse(responseCode = "201", description = "The partition, with its ETag")
    @APIResponse(responseCode = "409", description = "It does not fit in the disk")
    @APIResponse(responseCode = "422", description = "No such disk, or an unknown filesystem")
    public Response create(@Valid @NotNull PartitionRequest request, @Context UriInfo uri) {
        PartitionRecord partition = partitions.create(caller.get(), request.diskId(),
                QuantityFields.bytes("size", request.size()), InventoryDtos.filesystem(request.filesystem()));
        return tagged(Created.at(uri, partition.id()), partition);
    }

    @GET
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "The partitions of your organizations' disks, oldest first; ?diskId= picks one disk's")
    public Page<PartitionView> list(@QueryParam("diskId") UUID diskId, @QueryParam("limit") Integer limit,
                                    @QueryParam("cursor") String cursor) {
        return partitions.list(caller.get(), Optional.ofNullable(diskId), PageRequest.of(limit, cursor))
                .map(PartitionView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "A partition")
    @APIResponse(responseCode = "404", description = "No such partition, or it is not your organization's")
    public Response get(@PathParam("id") UUID id) {
        return tagged(Response.ok(), partitions.get(caller.get(), id));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Resize or reformat a partition (DEVELOPER and above; If-Match optional)")
    @APIResponse(responseCode = "409", description = "The new size does not fit in the disk")
    @APIResponse(responseCode = "412", description = "The If-Match ETag is not the partition's current one")
    public Response change(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull ChangePartitionRequest request) {
        return tagged(Response.ok(), partitions.change(caller.get(), id, EntityTags.generation(ifMatch),
                Optional.ofNullable(request.size()).map(size -> QuantityFields.bytes("size", size)),
                Optional.ofNullable(request.filesystem()).map(InventoryDtos::filesystem)));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Delete a partition (DEVELOPER and above)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") UUID id) {
        partitions.delete(caller.get(), id);
        return Response.noContent().build();
    }

    private static Response tagged(Response.ResponseBuilder response, PartitionRecord partition) {
        return response.entity(PartitionView.of(partition))
                .header(HttpHeaders.ETAG, EntityTags.of(partition.version())).build();
    }
}
