package dev.hypervisor.identity.rest;

import dev.hypervisor.common.security.PlatformRole;
import dev.hypervisor.identity.persistence.User;
import dev.hypervisor.identity.rest.AuthDtos.ClientToken;
import dev.hypervisor.identity.rest.AuthDtos.LoginRequest;
import dev.hypervisor.identity.rest.AuthDtos.RefreshRequest;
import dev.hypervisor.identity.rest.AuthDtos.RegisterRequest;
import dev.hypervisor.identity.rest.AuthDtos.UserView;
import dev.hypervisor.identity.service.AccountService;
import dev.hypervisor.identity.service.ServiceAccountService;
import dev.hypervisor.identity.service.SessionService;
import dev.hypervisor.identity.service.TokenPair;
import dev.hypervisor.runtime.ratelimit.RateLimited;
import dev.hypervisor.runtime.rest.ClientAddress;
import dev.hypervisor.runtime.security.CurrentCaller;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Authentication", description = "Accounts, logins, sessions and service-account tokens")
public class AuthResource {

    private final AccountService accounts;
    private final SessionService sessions;
    private final ServiceAccountService serviceAccounts;
    private final CurrentCaller caller;

    public AuthResource(AccountService accounts, SessionService sessions, ServiceAccountService serviceAccounts,
                        CurrentCaller caller) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.serviceAccounts = serviceAccounts;
        this.caller = caller;
    }

    @POST
    @Path("/register")
    @PermitAll
    @RateLimited("register")
    @Operation(summary = "Create an account",
            description = "Usernames are 3 to 64 of A-Z a-z 0-9 _ . -; passwords at least 10 characters and not a"
                    + " common one. A taken username or email is one 409 that does not say which is taken.")
    @APIResponse(responseCode = "201", description = "The account (never its password)")
    @APIResponse(responseCode = "409", description = "The username or the email is taken (DUPLICATE_ACCOUNT)")
    @APIResponse(responseCode = "422", description = "A field is invalid (VALIDATION_FAILED)")
    public Response register(@Valid @NotNull RegisterRequest request, @Context UriInfo uri) {
        User user = accounts.register(request.username(), request.email(), request.password());
        return Response.created(uri.getBaseUriBuilder().path("/api/v1/users/me").build())
                .entity(new UserView(user.id(), user.username(), user.email(), user.createdAt()))
                .build();
    }

    @POST
    @Path("/login")
    @PermitAll
    @RateLimited("login")
    @Operation(summary = "Log in with a username or email and a password",
            description = "An unknown user and a wrong password get the same 401. After repeated failures for one"
                    + " username from one address, its logins answer 429 until the window passes.")
    @APIResponse(responseCode = "200", description = "An access token and a refresh token")
    @APIResponse(responseCode = "401", description = "Wrong username or password (INVALID_CREDENTIALS)")
    @APIResponse(responseCode = "429", description = "Too many failed logins (RATE_LIMITED), see Retry-After")
    public TokenPair login(@Valid @NotNull LoginRequest request, @Context HttpServerRequest http) {
        return accounts.login(request.username(), request.password(), ClientAddress.of(http));
    }

    @POST
    @Path("/refresh")
    @PermitAll
    @RateLimited("refresh")
    @Operation(summary = "Exchange a refresh token for a new pair",
            description = "Each refresh token works once. Using one again revokes every token of its login.")
    @APIResponse(responseCode = "200", description = "A new access token and refresh token")
    @APIResponse(responseCode = "401", description = "Unknown, expired, used or revoked (INVALID_REFRESH_TOKEN)")
    public TokenPair refresh(@Valid @NotNull RefreshRequest request) {
        return sessions.refresh(request.refreshToken());
    }

    @POST
    @Path("/logout")
    @RolesAllowed(PlatformRole.USER)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "End the session of a refresh token", description = "That refresh token no longer works.")
    @APIResponse(responseCode = "204", description = "Logged out")
    public Response logout(@Valid @NotNull RefreshRequest request) {
        sessions.logout(caller.get().userId(), request.refreshToken());
        return Response.noContent().build();
    }

    @POST
    @Path("/token")
    @PermitAll
    @RateLimited("token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Get a token for a service account (OAuth 2 client credentials)",
            description = "For the platform's own accounts (the scheduler, executors); the token carries their roles.")
    @APIResponse(responseCode = "200", description = "An access token")
    @APIResponse(responseCode = "400", description = "A grant other than client_credentials (UNSUPPORTED_GRANT_TYPE)")
    @APIResponse(responseCode = "401", description = "Wrong client id or secret (INVALID_CLIENT)")
    public ClientToken token(@FormParam("grant_type") String grantType, @FormParam("client_id") String clientId,
                             @FormParam("client_secret") String clientSecret) {
        return new ClientToken(serviceAccounts.issue(grantType, clientId, clientSecret), "Bearer",
                serviceAccounts.lifetimeSeconds());
    }
}
