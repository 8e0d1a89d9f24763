package dev.hypervisor.cluster.inventory.rest;

import dev.hypervisor.cluster.inventory.rest.InventoryDtos.ChangePoolRequest;
import dev.hypervisor.cluster.inventory.rest.InventoryDtos.PoolRequest;
import dev.hypervisor.cluster.inventory.rest.InventoryDtos.PoolView;
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
 * Pools of capacity in a data center: ledger providers of CPU, memory and disk, claimed by VMs and pool-backed
 * clusters. Platform administrators change them; everyone reads them, with what is allocated and available.
 */
@Path("/api/v1/cloud/pools")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "Pools", description = "Pools: {name, dataCenterId, capacity: {cpu, memory, disk}}")
public class PoolResource {

    private final CapacityCatalogService pools;
    private final Catalogs catalogs;
    private final CurrentCaller caller;

    public PoolResource(CapacityCatalogService pools, Catalogs catalogs, CurrentCaller caller) {
        this.pools = pools;
        this.catalogs = catalogs;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Add a pool to a data center (platform administrators)",
            description = "capacity: {cpu, memory, disk}; cpu as cores or millicores (\"64\", \"500m\"), memory and"
                    + " disk as sizes (\"256Gi\", \"10 TB\"). Names are unique within the data center.")
    @APIResponse(responseCode = "201", description = "The pool, with its ETag")
    @APIResponse(responseCode = "409", description = "The data center has a pool of that name")
    @APIResponse(responseCode = "422", description = "No such data center, or a quantity is not one")
    public Response create(@Valid @NotNull PoolRequest request, @Context UriInfo uri) {
        WithCapacity pool = pools.create(caller.get(), catalogs.pools(), request.dataCenterId(), request.name(),
                InventoryDtos.poolCapacity(request.capacity()));
        return tagged(Created.at(uri, pool.row().id()), pool);
    }

    @GET
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Pools, oldest first; ?dataCenterId= picks one data center's")
    public Page<PoolView> list(@QueryParam("dataCenterId") UUID dataCenterId, @QueryParam("limit") Integer limit,
                               @QueryParam("cursor") String cursor) {
        return pools.list(catalogs.pools(), Optional.ofNullable(dataCenterId), PageRequest.of(limit, cursor))
                .map(PoolView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "A pool with its capacity, what is allocated and what is available")
    @APIResponse(responseCode = "404", description = "No such pool")
    public Response get(@PathParam("id") UUID id) {
        return tagged(Response.ok(), pools.get(catalogs.pools(), id));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Rename or resize a pool (platform administrators)",
            description = "A resize needs If-Match with the ETag and may not go below what is allocated.")
    @APIResponse(responseCode = "409", description = "Below what is allocated, or the name is taken")
    @APIResponse(responseCode = "412", description = "The If-Match ETag is not the pool's current one")
    @APIResponse(responseCode = "428", description = "A resize without If-Match")
    public Response change(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull ChangePoolRequest request) {
        return tagged(Response.ok(), pools.change(caller.get(), catalogs.pools(), id, EntityTags.generation(ifMatch),
                Optional.ofNullable(request.name()),
                Optional.ofNullable(request.capacity()).map(InventoryDtos::poolCapacity)));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Delete a pool without storage devices, VMs or clusters (platform administrators)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "Something is still in it or claims from it")
    public Response delete(@PathParam("id") UUID id) {
        pools.delete(caller.get(), catalogs.pools(), id);
        return Response.noContent().build();
    }

    private static Response tagged(Response.ResponseBuilder response, WithCapacity pool) {
        return response.entity(PoolView.of(pool)).header(HttpHeaders.ETAG, EntityTags.of(pool.row().version()))
                .build();
    }
}
