package dev.hypervisor.identity.rest;

import dev.hypervisor.identity.persistence.RevokedMembershipRepository.Revocation;
import dev.hypervisor.identity.service.MembershipRevocations;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/.well-known/revoked-memberships")
@Tag(name = "Keys")
public class RevokedMembershipsResource {

    /** The list: each revoked membership by its digest, and when it was revoked. */
    public record RevokedMemberships(List<Revocation> revocations) {
    }

    private final MembershipRevocations revocations;

    public RevokedMembershipsResource(MembershipRevocations revocations) {
        this.revocations = revocations;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Memberships ended or lowered while tokens naming them may still be alive",
            description = "Each membership is named by the SHA-256 (hex) of \"<organization id>:<user id>\". A"
                    + " service refuses a token's word for a membership revoked at or after the token was issued;"
                    + " the services read this list every two seconds. Entries stay for the access tokens'"
                    + " lifetime plus a minute.")
    public RevokedMemberships list() {
        return new RevokedMemberships(revocations.current());
    }
}
