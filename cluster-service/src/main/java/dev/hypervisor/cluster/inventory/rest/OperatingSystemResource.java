package dev.hypervisor.cluster.inventory.rest;

import dev.hypervisor.cluster.inventory.rest.InventoryDtos.OperatingSystemView;
import dev.hypervisor.cluster.inventory.service.CatalogService;
import dev.hypervisor.cluster.inventory.service.Catalogs;
import dev.hypervisor.runtime.security.CurrentCaller;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The catalog of operating systems VMs may run; one a VM runs cannot be deleted. */
@Path("/api/v1/cloud/operating-systems")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "Operating systems", description = "The catalog of operating systems: {name}")
public class OperatingSystemResource extends NamedCatalogResource<OperatingSystemView> {

    public OperatingSystemResource(CatalogService catalog, Catalogs catalogs, CurrentCaller caller) {
        super(catalog, caller, catalogs.operatingSystems(), OperatingSystemView::of);
    }
}
