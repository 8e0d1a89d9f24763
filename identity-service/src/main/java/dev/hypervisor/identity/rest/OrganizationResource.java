package dev.hypervisor.identity.rest;

import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.common.security.PlatformRole;
import dev.hypervisor.identity.persistence.MembershipRecord;
import dev.hypervisor.identity.rest.OrganizationDtos.ChangeRoleRequest;
import dev.hypervisor.identity.rest.OrganizationDtos.CreateInviteRequest;
import dev.hypervisor.identity.rest.OrganizationDtos.CreateOrganizationRequest;
import dev.hypervisor.identity.rest.OrganizationDtos.CreatedOrganization;
import dev.hypervisor.identity.rest.OrganizationDtos.InviteView;
import dev.hypervisor.identity.rest.OrganizationDtos.JoinRequest;
import dev.hypervisor.identity.rest.OrganizationDtos.Joined;
import dev.hypervisor.identity.rest.OrganizationDtos.MemberView;
import dev.hypervisor.identity.rest.OrganizationDtos.OrganizationReference;
import dev.hypervisor.identity.rest.OrganizationDtos.OrganizationSummary;
import dev.hypervisor.identity.rest.OrganizationDtos.OrganizationView;
import dev.hypervisor.identity.service.InviteService;
import dev.hypervisor.identity.service.OrganizationService;
import dev.hypervisor.runtime.ratelimit.RateLimited;
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
 * Organizations, their members and invites. An organization the caller is not in answers 404, as if it did not
 * exist; a member whose role is too low gets 403.
 */
@Path("/api/v1/organizations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(PlatformRole.USER)
@SecurityRequirement(name = "bearer")
@Tag(name = "Organizations", description = "Organizations, members, roles and invites")
public class OrganizationResource {

    private final OrganizationService organizations;
    private final InviteService invites;
    private final CurrentCaller caller;

    public OrganizationResource(OrganizationService organizations, InviteService invites, CurrentCaller caller) {
        this.organizations = organizations;
        this.invites = invites;
        this.caller = caller;
    }

    @POST
    @Operation(summary = "Create an organization",
            description = "You become its OWNER. The answer carries its standing invite code and a fresh access"
                    + " token that includes the new membership.")
    @APIResponse(responseCode = "201", description = "The organization")
    public Response create(@Valid @NotNull CreateOrganizationRequest request, @Context UriInfo uri) {
        OrganizationService.Created created = organizations.create(caller.get().userId(), request.name());
        return Created.at(uri, created.organization().id())
                .entity(new CreatedOrganization(created.organization().id(), created.organization().name(),
                        created.organization().createdAt(), OrgRole.OWNER,
                        created.inviteCode(), created.accessToken()))
                .build();
    }

    @GET
    @Operation(summary = "Your organizations, by name")
    public Page<OrganizationSummary> list(@QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return organizations.listMine(caller.get().userId(), PageRequest.of(limit, cursor))
                .map(org -> new OrganizationSummary(org.id(), org.name(), org.role()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An organization you are a member of",
            description = "Admins and owners also see the standing invite code while it can be used.")
    @APIResponse(responseCode = "404", description = "No such organization, or you are not in it")
    public OrganizationView get(@PathParam("id") UUID id) {
        OrganizationService.Details details = organizations.get(caller.get().userId(), id);
        return new OrganizationView(details.organization().id(), details.organization().name(),
                details.organization().createdAt(), details.memberCount(), details.role(),
                details.inviteCode().orElse(null));
    }

    @POST
    @Path("/join")
    @RateLimited("join")
    @Operation(summary = "Join an organization with an invite code",
            description = "The role comes from the invite. The answer carries a token that includes it.")
    @APIResponse(responseCode = "200", description = "Joined")
    @APIResponse(responseCode = "404", description = "Unknown, expired, revoked or used-up code (INVALID_INVITE)")
    @APIResponse(responseCode = "409", description = "Already a member (ALREADY_MEMBER)")
    public Joined join(@Valid @NotNull JoinRequest request) {
        InviteService.Joined joined = invites.join(caller.get().userId(), request.inviteCode());
        return new Joined(new OrganizationReference(joined.organization().id(), joined.organization().name()),
                joined.role(), joined.accessToken());
    }

    @POST
    @Path("/{id}/invites")
    @Operation(summary = "Create an invite (ADMIN and above)",
            description = "role defaults to DEVELOPER and may not be above yours; maxUses 1 to 1000 (default 1);"
                    + " expiresInHours 1 to 720 (default 168). The code is shown only in this answer.")
    @APIResponse(responseCode = "201", description = "The invite with its code")
    @APIResponse(responseCode = "403", description = "Your role is too low, or the role is above yours")
    public Response createInvite(@PathParam("id") UUID id, @Valid CreateInviteRequest request, @Context UriInfo uri) {
        CreateInviteRequest body = request == null ? new CreateInviteRequest(null, null, null) : request;
        InviteService.CreatedInvite invite = invites.create(caller.get().userId(), id, Optional.ofNullable(body.role()),
                Optional.ofNullable(body.maxUses()), Optional.ofNullable(body.expiresInHours()));
        return Created.at(uri, invite.code())
                .entity(new InviteView(invite.code(), invite.role(), invite.maxUses(), invite.expiresAt()))
                .build();
    }

    @DELETE
    @Path("/{id}/invites/{code}")
    @Operation(summary = "Revoke an invite (ADMIN and above)")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such invite in this organization")
    public Response revokeInvite(@PathParam("id") UUID id, @PathParam("code") String code) {
        invites.revoke(caller.get().userId(), id, code);
        return Response.noContent().build();
    }

    @GET
    @Path("/{id}/members")
    @Operation(summary = "The members, in the order they joined")
    public Page<MemberView> members(@PathParam("id") UUID id, @QueryParam("limit") Integer limit,
                                    @QueryParam("cursor") String cursor) {
        return organizations.members(caller.get().userId(), id, PageRequest.of(limit, cursor)).map(OrganizationResource::view);
    }

    @PATCH
    @Path("/{id}/members/{userId}")
    @Operation(summary = "Change a member's role (ADMIN and above)",
            description = "Nobody can give a role above their own or change someone above them; the last OWNER"
                    + " cannot be demoted. The member's next token carries the new role.")
    @APIResponse(responseCode = "200", description = "The member with the new role")
    @APIResponse(responseCode = "403", description = "Not allowed for your role")
    @APIResponse(responseCode = "409", description = "It would leave the organization without an owner (LAST_OWNER)")
    public MemberView changeRole(@PathParam("id") UUID id, @PathParam("userId") UUID userId,
                                 @Valid @NotNull ChangeRoleRequest request) {
        return view(organizations.changeRole(caller.get().userId(), id, userId, request.role()));
    }

    @DELETE
    @Path("/{id}/members/{userId}")
    @Operation(summary = "Remove a member (ADMIN and above), or leave (your own id)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "409", description = "It would leave the organization without an owner (LAST_OWNER)")
    public Response removeMember(@PathParam("id") UUID id, @PathParam("userId") UUID userId) {
        organizations.removeMember(caller.get().userId(), id, userId);
        return Response.noContent().build();
    }

    private static MemberView view(MembershipRecord member) {
        return new MemberView(member.userId(), member.username(), member.role(), member.joinedAt());
    }
}
