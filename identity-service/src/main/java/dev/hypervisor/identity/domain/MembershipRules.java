package dev.hypervisor.identity.domain;

import dev.hypervisor.common.security.OrgRole;
import java.util.Optional;

/**
 * Who may change whose membership, as plain decisions. Each answers empty when the change is allowed, or why
 * it is not: {@link Refusal#FORBIDDEN} (the caller's role does not allow it, 403) or {@link Refusal#LAST_OWNER}
 * (the organization would be left without an owner, 409).
 */
public final class MembershipRules {

    public enum Refusal {
        FORBIDDEN,
        LAST_OWNER
    }

    public record Decision(Refusal refusal, String reason) {
    }

    private MembershipRules() {
    }

    /** May {@code caller} give {@code target} (currently {@code current}) the role {@code wanted}? */
    public static Optional<Decision> changeRole(OrgRole caller, OrgRole current, OrgRole wanted, int owners) {
        if (!caller.atLeast(OrgRole.ADMIN)) {
            return refuse(Refusal.FORBIDDEN, "changing roles needs the ADMIN role or above");
        }
        if (current.outranks(caller)) {
            return refuse(Refusal.FORBIDDEN, "you cannot change the role of a member above your own role");
        }
        if (wanted.outranks(caller)) {
            return refuse(Refusal.FORBIDDEN, "nobody can give a role above their own");
        }
        if (current == OrgRole.OWNER && wanted != OrgRole.OWNER && owners <= 1) {
            return refuse(Refusal.LAST_OWNER, "the organization's last owner cannot be demoted");
        }
        return Optional.empty();
    }

    /** May {@code caller} remove {@code target} (whose role is {@code targetRole}); {@code self} when it is a leave. */
    public static Optional<Decision> remove(OrgRole caller, OrgRole targetRole, boolean self, int owners) {
        if (!self && !caller.atLeast(OrgRole.ADMIN)) {
            return refuse(Refusal.FORBIDDEN, "removing other members needs the ADMIN role or above");
        }
        if (!self && targetRole.outranks(caller)) {
            return refuse(Refusal.FORBIDDEN, "you cannot remove a member above your own role");
        }
        if (targetRole == OrgRole.OWNER && owners <= 1) {
            return refuse(Refusal.LAST_OWNER, "the organization's last owner cannot leave or be removed");
        }
        return Optional.empty();
    }

    /** May {@code caller} create invites that give {@code role}? */
    public static Optional<Decision> invite(OrgRole caller, OrgRole role) {
        if (!caller.atLeast(OrgRole.ADMIN)) {
            return refuse(Refusal.FORBIDDEN, "inviting needs the ADMIN role or above");
        }
        if (role.outranks(caller)) {
            return refuse(Refusal.FORBIDDEN, "an invite cannot give a role above your own");
        }
        return Optional.empty();
    }

    private static Optional<Decision> refuse(Refusal refusal, String reason) {
        return Optional.of(new Decision(refusal, reason));
    }
}
