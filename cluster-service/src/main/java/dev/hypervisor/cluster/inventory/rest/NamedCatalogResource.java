package dev.hypervisor.cluster.inventory.rest;

import dev.hypervisor.cluster.inventory.persistence.CatalogRow;
import dev.hypervisor.cluster.inventory.rest.InventoryDtos.NameRequest;
import dev.hypervisor.cluster.inventory.rest.InventoryDtos.RenameRequest;
import dev.hypervisor.cluster.inventory.service.Catalog;
import dev.hypervisor.cluster.inventory.service.CatalogService;
import dev.hypervisor.cluster.rest.EntityTags;
import dev.hypervisor.common.security.PlatformRole;
import dev.hypervisor.runtime.rest.Created;
import dev.hypervisor.runtime.rest.Page;
import dev.hypervisor.runtime.rest.PageRequest;
import dev.hypervisor.runtime.security.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The endpoints of a catalog collection whose items are just a name (providers, operating systems): platform
 * administrators add, rename and delete; everyone signed in reads. Subclasses name the path and the view.
 */
public abstract class NamedCatalogResource<V> {

    private final CatalogService catalog;
    private final CurrentCaller caller;
    private final Catalog collection;
    private final Function<CatalogRow, V> view;

    protected NamedCatalogResource(CatalogService catalog, CurrentCaller caller, Catalog collection,
                                   Function<CatalogRow, V> view) {
        this.catalog = catalog;
        this.caller = caller;
        this.collection = collection;
        this.view = view;
    }

    @POST
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Add one (platform administrators)", description = "Names are unique regardless of case.")
    @APIResponse(responseCode = "201", description = "Added, with its ETag")
    @APIResponse(responseCode = "403", description = "Not a platform administrator")
    @APIResponse(responseCode = "409", description = "One of that name exists")
    public Response create(@Valid @NotNull NameRequest request, @Context UriInfo uri) {
        CatalogRow row = catalog.create(caller.get(), collection, UUID.randomUUID(), null, request.name(), null);
        return tagged(Created.at(uri, row.id()), row);
    }

    @GET
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "All of them, oldest first")
    public Page<V> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return catalog.list(collection, Optional.empty(), PageRequest.of(limit, cursor)).map(view);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "One of them, with its ETag")
    @APIResponse(responseCode = "404", description = "No such one")
    public Response get(@PathParam("id") UUID id) {
        return tagged(Response.ok(), catalog.get(collection, id));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Rename one (platform administrators; If-Match optional)")
    @APIResponse(responseCode = "412", description = "The If-Match ETag is not its current one")
    public Response rename(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull RenameRequest request) {
        return tagged(Response.ok(), catalog.rename(caller.get(), collection, id, EntityTags.generation(ifMatch),
                Optional.ofNullable(request.name()), Optional.empty()));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Delete one nothing depends on (platform administrators)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "Something still depends on it")
    public Response delete(@PathParam("id") UUID id) {
        catalog.delete(caller.get(), collection, id);
        return Response.noContent().build();
    }

    private Response tagged(Response.ResponseBuilder response, CatalogRow row) {
        return response.entity(view.apply(row)).header(HttpHeaders.ETAG, EntityTags.of(row.version())).build();
    }
}
