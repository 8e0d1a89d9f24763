package dev.hypervisor.identity.service;

import dev.hypervisor.common.problem.ProblemCode;
import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.identity.domain.MembershipRules;
import dev.hypervisor.identity.persistence.MembershipRecord;
import dev.hypervisor.identity.persistence.MembershipRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Who is a member of what, as the database says now. identity-service decides with this rather than with the
 * memberships in the caller's token, which may be minutes old.
 */
@ApplicationScoped
public class Memberships {

    private final MembershipRepository members;

    public Memberships(MembershipRepository members) {
        this.members = members;
    }

    /** The caller's membership; an organization they are not in does not exist for them (404). */
    MembershipRecord of(UUID organizationId, UUID userId) {
        return members.find(organizationId, userId)
                .orElseThrow(() -> ProblemException.notFound("organization " + organizationId));
    }

    OrgRole roleOf(UUID organizationId, UUID userId) {
        return of(organizationId, userId).role();
    }

    static void refuse(MembershipRules.Decision decision) {
        throw switch (decision.refusal()) {
            case FORBIDDEN -> ProblemException.forbidden(decision.reason());
            case LAST_OWNER -> new ProblemException(ProblemCode.LAST_OWNER, decision.reason());
        };
    }
}
