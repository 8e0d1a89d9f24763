package dev.hypervisor.cluster.inventory.rest;

import dev.hypervisor.cluster.inventory.rest.InventoryDtos.ProviderView;
import dev.hypervisor.cluster.inventory.service.CatalogService;
import dev.hypervisor.cluster.inventory.service.Catalogs;
import dev.hypervisor.runtime.security.CurrentCaller;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Cloud providers, the top of the inventory; a provider with data centers cannot be deleted. */
@Path("/api/v1/cloud/providers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "Cloud providers", description = "Cloud providers: {name}")
public class ProviderResource extends NamedCatalogResource<ProviderView> {

    public ProviderResource(CatalogService catalog, Catalogs catalogs, CurrentCaller caller) {
        super(catalog, caller, catalogs.providers(), ProviderView::of);
    }
}
