package dev.hypervisor.cluster.inventory.rest;

import dev.hypervisor.cluster.inventory.domain.SizeUnits;
import dev.hypervisor.cluster.inventory.rest.InventoryDtos.UnitView;
import dev.hypervisor.common.security.PlatformRole;
import dev.hypervisor.runtime.rest.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The units sizes may be written in. */
@Path("/api/v1/cloud/units")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "Cloud inventory")
public class UnitResource {

    @GET
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "The units sizes may be written in, with how many bytes each is",
            description = "Sizes also take Kubernetes quantities (16Gi, 1G) and plain byte counts. GB is 10^9 bytes,"
                    + " GiB 2^30; sizes are stored as exact byte counts.")
    public Page<UnitView> list() {
        return new Page<>(SizeUnits.CATALOG.stream().map(UnitView::of).toList(), null);
    }
}
