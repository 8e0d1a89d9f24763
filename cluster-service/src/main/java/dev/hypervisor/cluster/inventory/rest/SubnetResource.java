package dev.hypervisor.cluster.inventory.rest;

import dev.hypervisor.cluster.inventory.persistence.SubnetRecord;
import dev.hypervisor.cluster.inventory.rest.InventoryDtos.ChangeSubnetRequest;
import dev.hypervisor.cluster.inventory.rest.InventoryDtos.SubnetRequest;
import dev.hypervisor.cluster.inventory.rest.InventoryDtos.SubnetView;
import dev.hypervisor.cluster.inventory.service.NetworkService;
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

/** Subnets of a data center: one per VLAN, never overlapping within the data center. */
@Path("/api/v1/cloud/subnets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "Subnets", description = "Subnets: {dataCenterId, vlan, cidr}")
public class SubnetResource {

    private final NetworkService network;
    private final CurrentCaller caller;

    public SubnetResource(NetworkService network, CurrentCaller caller) {
        this.network = network;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Add a subnet to a data center (platform administrators)",
            description = "vlan is 1 to 4094, one subnet per VLAN of a data center; cidr is an IPv4 or IPv6 network"
                    + " (10.0.0.0/24, 2001:db8::/64) without host bits, overlapping no other subnet of the data"
                    + " center.")
    @APIResponse(responseCode = "201", description = "The subnet, with its first and last host addresses")
    @APIResponse(responseCode = "409", description = "The VLAN is taken, or the range overlaps another subnet")
    @APIResponse(responseCode = "422", description = "No such data center, a VLAN outside 1-4094, or not a network")
    public Response create(@Valid @NotNull SubnetRequest request, @Context UriInfo uri) {
        SubnetRecord subnet = network.createSubnet(caller.get(), request.dataCenterId(), request.vlan(),
                request.cidr());
        return tagged(Created.at(uri, subnet.id()), subnet);
    }

    @GET
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Subnets, oldest first; ?dataCenterId= picks one data center's")
    public Page<SubnetView> list(@QueryParam("dataCenterId") UUID dataCenterId, @QueryParam("limit") Integer limit,
                                 @QueryParam("cursor") String cursor) {
        return network.subnets(Optional.ofNullable(dataCenterId), PageRequest.of(limit, cursor)).map(SubnetView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "A subnet")
    @APIResponse(responseCode = "404", description = "No such subnet")
    public Response get(@PathParam("id") UUID id) {
        return tagged(Response.ok(), network.subnet(id));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Move a subnet to another VLAN (platform administrators; If-Match optional)")
    @APIResponse(responseCode = "409", description = "The data center has a subnet on that VLAN")
    @APIResponse(responseCode = "412", description = "The If-Match ETag is not the subnet's current one")
    public Response change(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
                           @Valid @NotNull ChangeSubnetRequest request) {
        return tagged(Response.ok(), network.changeVlan(caller.get(), id, EntityTags.generation(ifMatch),
                request.vlan()));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Delete a subnet without addresses (platform administrators)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "It still has IP addresses")
    public Response delete(@PathParam("id") UUID id) {
        network.deleteSubnet(caller.get(), id);
        return Response.noContent().build();
    }

    private static Response tagged(Response.ResponseBuilder response, SubnetRecord subnet) {
        return response.entity(SubnetView.of(subnet)).header(HttpHeaders.ETAG, EntityTags.of(subnet.version())).build();
    }
}
