package dev.hypervisor.cluster.inventory.rest;

import dev.hypervisor.cluster.inventory.persistence.IpAddressRecord;
import dev.hypervisor.cluster.inventory.rest.InventoryDtos.IpAddressRequest;
import dev.hypervisor.cluster.inventory.rest.InventoryDtos.IpAddressView;
import dev.hypervisor.cluster.inventory.rest.InventoryDtos.MoveIpAddressRequest;
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
 * IP addresses, one row per address: a VM's (its organization's DEVELOPERs and above manage them) or a platform
 * reservation (administrators). Without an address, the subnet's lowest free host address is taken.
 */
@Path("/api/v1/cloud/ip-addresses")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "IP addresses", description = "IP addresses: {subnetId, vmId?, address?}")
public class IpAddressResource {

    private final NetworkService network;
    private final CurrentCaller caller;

    public IpAddressResource(NetworkService network, CurrentCaller caller) {
        this.network = network;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Take an address of a subnet, for a VM or as a reservation",
            description = "address: the one wanted, which must be a host address of the subnet (not its network or"
                    + " broadcast address, except in /31, /32, /127 and /128); without it, the lowest free one."
                    + " The VM must run in the subnet's data center.")
    @APIResponse(responseCode = "201", description = "The address")
    @APIResponse(responseCode = "409", description = "The address is taken, or every one is (SUBNET_EXHAUSTED)")
    @APIResponse(responseCode = "422", description = "No such subnet or VM, or the address is not a host of it")
    public Response create(@Valid @NotNull IpAddressRequest request, @Context UriInfo uri) {
        IpAddressRecord address = network.createAddress(caller.get(), request.subnetId(),
                Optional.ofNullable(request.vmId()), Optional.ofNullable(request.address()));
        return tagged(Created.at(uri, address.id()), address);
    }

    @GET
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Your organizations' addresses (administrators: all), oldest first; ?subnetId=, ?vmId=")
    public Page<IpAddressView> list(@QueryParam("subnetId") UUID subnetId, @QueryParam("vmId") UUID vmId,
                                    @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return network.addresses(caller.get(), Optional.ofNullable(subnetId), Optional.ofNullable(vmId),
                PageRequest.of(limit, cursor)).map(IpAddressView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "An address")
    @APIResponse(responseCode = "404", description = "No such address, or it is not your organization's")
    public Response get(@PathParam("id") UUID id) {
        return tagged(Response.ok(), network.address(caller.get(), id));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Move an address to another VM of its organization and data center")
    @APIResponse(responseCode = "422", description = "No such VM, or one elsewhere")
    public Response move(@PathParam("id") UUID id, @Valid @NotNull MoveIpAddressRequest request) {
        return tagged(Response.ok(), network.moveAddress(caller.get(), id, request.vmId()));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(PlatformRole.USER)
    @Operation(summary = "Give an address back")
    @APIResponse(responseCode = "204", description = "Given back; it is free again")
    public Response delete(@PathParam("id") UUID id) {
        network.deleteAddress(caller.get(), id);
        return Response.noContent().build();
    }

    private static Response tagged(Response.ResponseBuilder response, IpAddressRecord address) {
        return response.entity(IpAddressView.of(address)).header(HttpHeaders.ETAG, EntityTags.of(address.version()))
                .build();
    }
}
