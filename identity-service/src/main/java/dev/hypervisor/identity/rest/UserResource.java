package dev.hypervisor.identity.rest;

import dev.hypervisor.common.security.PlatformRole;
import dev.hypervisor.identity.rest.OrganizationDtos.Me;
import dev.hypervisor.identity.rest.OrganizationDtos.OrganizationSummary;
import dev.hypervisor.identity.service.AccountService;
import dev.hypervisor.runtime.security.CurrentCaller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(PlatformRole.USER)
@SecurityRequirement(name = "bearer")
@Tag(name = "Users")
public class UserResource {

    private final AccountService accounts;
    private final CurrentCaller caller;

    public UserResource(AccountService accounts, CurrentCaller caller) {
        this.accounts = accounts;
        this.caller = caller;
    }

    @GET
    @Path("/me")
    @Operation(summary = "Your account and your organizations, as they are now")
    public Me me() {
        AccountService.Profile profile = accounts.profile(caller.get().userId());
        return new Me(profile.user().id(), profile.user().username(), profile.user().email(),
                profile.user().platformRoles(),
                profile.organizations().stream()
                        .map(organization -> new OrganizationSummary(organization.id(), organization.name(),
                                organization.role()))
                        .toList());
    }
}
