package dev.hypervisor.runtime.security;

import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.common.security.PlatformRole;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, as their verified access token says: a user (with the memberships the token carries) or a
 * service account (with its platform roles). Decisions about organizations go through {@link #requireRole}, so
 * every service answers the same way: not a member is 404 (the organization's things do not exist for you), a
 * member whose role is too low is 403.
 */
public record Caller(String subject, String username, Set<String> platformRoles, Map<UUID, OrgRole> memberships) {

    public Caller {
        platformRoles = Set.copyOf(platformRoles);
        memberships = Map.copyOf(memberships);
    }

    /** The user id; only users have one, service accounts are named by their client id. */
    public UUID userId() {
        try {
            return UUID.fromString(subject);
        } catch (IllegalArgumentException e) {
            throw ProblemException.forbidden("this needs a user's token, not a service account's");
        }
    }

    public boolean isUser() {
        return platformRoles.contains(PlatformRole.USER);
    }

    public boolean hasPlatformRole(String role) {
        return platformRoles.contains(role);
    }

    public Optional<OrgRole> roleIn(UUID organizationId) {
        return Optional.ofNullable(memberships.get(organizationId));
    }

    /**
     * The caller's role in the organization, if it is at least {@code minimum}.
     *
     * @param what names the thing asked for in the 404 (e.g. {@code "cluster 7f3c..."}), since for a
     *             non-member it does not exist
     */
    public OrgRole requireRole(UUID organizationId, OrgRole minimum, String what) {
        OrgRole role = roleIn(organizationId).orElseThrow(() -> ProblemException.notFound(what));
        if (!role.atLeast(minimum)) {
            throw ProblemException.forbidden("this needs the " + minimum + " role or above in the organization;"
                    + " yours is " + role);
        }
        return role;
    }
}
