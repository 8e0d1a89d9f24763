package dev.hypervisor.cluster.inventory.rest;

import dev.hypervisor.cluster.inventory.rest.InventoryDtos.ChangeStorageDeviceRequest;
import dev.hypervisor.cluster.inventory.rest.InventoryDtos.StorageDeviceRequest;
import dev.hypervisor.cluster.inventory.rest.InventoryDtos.StorageDeviceView;
import dev.hypervisor.cluster.inventory.service.CapacityCatalogService;
import dev.hypervisor.cluster.inventory.service.CapacityCatalogService.WithCapacity;
import dev.hypervisor.cluster.inventory.service.Catalogs;
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
 * Storage devices in a pool: ledger providers of disk space, claimed by VM disks. Platform administrators change
 * them; everyone reads them, with what is allocated and available.
 */
@Path("/api/v1/cloud/storage-devices")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "Storage devices", description = "Storage devices: {name, poolId, capacity}")
public class StorageDeviceResource {

    private final CapacityCatalogService devices;
    private final Catalogs catalogs;
    private final CurrentCaller caller;

    public StorageDeviceResource(CapacityCatalogService devices, Catalogs catalogs, CurrentCaller caller) {
        this.devices = devices;
        this.catalogs = catalogs;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Add a storage device to a pool (platform administrators)",
            description = "capacity is a size (\"10Ti\", \"500 GB\"). Names are unique within the pool.")
    @APIResponse(responseCode = "201", description = "The storage device, with its ETag")
    @APIResponse(responseCode = "409", description = "The pool has a storage device of that name")
    @APIResponse(responseCode = "422", description = "No such pool, or the capacity is not a size")
    public Response create(@Valid @NotNull StorageDeviceRequest request, @Context UriInfo uri) {
        WithCapacity device = devices.create(caller.get(), catalogs.storageDevices(), request.poolId(), request.name(),
                InventoryDtos.deviceCapacity(request.capacity()));
        return tagged(Created.at(uri, device.row().id()), device);
    }

    @GET
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Storage devices, oldest first; ?poolId= picks one pool's")
    public Page<StorageDeviceView> list(@QueryParam("poolId") UUID poolId, @QueryParam("limit") Integer limit,
                               @QueryParam("cursor") String cursor) {
        return devices.list(catalogs.storageDevices(), Optional.ofNullable(poolId), PageRequest.of(limit, cursor))
                .map(StorageDeviceView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "A storage device with its capacity, what is allocated and what is available")
    @APIResponse(responseCode = "404", description = "No such storage device")
    public Response get(@PathParam("id") UUID id) {
        return tagged(Response.ok(), devices.get(catalogs.storageDevices(), id));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Rename or resize a storage device (platform administrators)",
            description = "A resize needs If-Match with the ETag and may not go below what is allocated.")
    @APIResponse(responseCode = "409", description = "Below what is allocated, or the name is taken")
    @APIResponse(responseCode = "412", description = "The If-Match ETag is not the device's current one")
    @APIResponse(responseCode = "428", description = "A resize without If-Match")
    public Response change(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull ChangeStorageDeviceRequest request) {
        return tagged(Response.ok(), devices.change(caller.get(), catalogs.storageDevices(), id, EntityTags.generation(ifMatch),
                Optional.ofNullable(request.name()),
                Optional.ofNullable(request.capacity()).map(InventoryDtos::deviceCapacity)));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Delete a storage device no disk claims from (platform administrators)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "A disk still claims from it")
    public Response delete(@PathParam("id") UUID id) {
        devices.delete(caller.get(), catalogs.storageDevices(), id);
        return Response.noContent().build();
    }

    private static Response tagged(Response.ResponseBuilder response, WithCapacity device) {
        return response.entity(StorageDeviceView.of(device)).header(HttpHeaders.ETAG, EntityTags.of(device.row().version()))
                .build();
    }
}
