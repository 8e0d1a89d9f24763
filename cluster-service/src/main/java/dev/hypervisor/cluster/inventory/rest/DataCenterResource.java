package dev.hypervisor.cluster.inventory.rest;

import dev.hypervisor.cluster.inventory.persistence.CatalogRow;
import dev.hypervisor.cluster.inventory.rest.InventoryDtos.ChangeDataCenterRequest;
import dev.hypervisor.cluster.inventory.rest.InventoryDtos.DataCenterRequest;
import dev.hypervisor.cluster.inventory.rest.InventoryDtos.DataCenterView;
import dev.hypervisor.cluster.inventory.service.CatalogService;
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

/** A provider's data centers; one with pools cannot be deleted. Platform administrators change them. */
@Path("/api/v1/cloud/data-centers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "Data centers", description = "Data centers: {name, location, providerId}")
public class DataCenterResource {

    private final CatalogService catalog;
    private final Catalogs catalogs;
    private final CurrentCaller caller;

    public DataCenterResource(CatalogService catalog, Catalogs catalogs, CurrentCaller caller) {
        this.catalog = catalog;
        this.catalogs = catalogs;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Add a data center to a provider (platform administrators)",
            description = "Names are unique within the provider regardless of case.")
    @APIResponse(responseCode = "201", description = "The data center, with its ETag")
    @APIResponse(responseCode = "409", description = "The provider has a data center of that name")
    @APIResponse(responseCode = "422", description = "No such provider, or a field is missing")
    public Response create(@Valid @NotNull DataCenterRequest request, @Context UriInfo uri) {
        CatalogRow row = catalog.create(caller.get(), catalogs.dataCenters(), UUID.randomUUID(), request.providerId(),
                request.name(), request.location());
        return tagged(Created.at(uri, row.id()), row);
    }

    @GET
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Data centers, oldest first; ?providerId= picks one provider's")
    public Page<DataCenterView> list(@QueryParam("providerId") UUID providerId, @QueryParam("limit") Integer limit,
                                     @QueryParam("cursor") String cursor) {
        return catalog.list(catalogs.dataCenters(), Optional.ofNullable(providerId), PageRequest.of(limit, cursor))
                .map(DataCenterView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "A data center, with its ETag")
    @APIResponse(responseCode = "404", description = "No such data center")
    public Response get(@PathParam("id") UUID id) {
        return tagged(Response.ok(), catalog.get(catalogs.dataCenters(), id));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Rename or relocate a data center (platform administrators; If-Match optional)")
    @APIResponse(responseCode = "412", description = "The If-Match ETag is not its current one")
    public Response change(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull ChangeDataCenterRequest request) {
        return tagged(Response.ok(), catalog.rename(caller.get(), catalogs.dataCenters(), id,
                EntityTags.generation(ifMatch), Optional.ofNullable(request.name()),
                Optional.ofNullable(request.location())));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Delete a data center without pools (platform administrators)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "It still has pools")
    public Response delete(@PathParam("id") UUID id) {
        catalog.delete(caller.get(), catalogs.dataCenters(), id);
        return Response.noContent().build();
    }

    private static Response tagged(Response.ResponseBuilder response, CatalogRow row) {
        return response.entity(DataCenterView.of(row)).header(HttpHeaders.ETAG, EntityTags.of(row.version())).build();
    }
}
