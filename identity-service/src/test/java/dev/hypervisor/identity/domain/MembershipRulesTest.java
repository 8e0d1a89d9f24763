package dev.hypervisor.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.identity.domain.MembershipRules.Decision;
import dev.hypervisor.identity.domain.MembershipRules.Refusal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every combination of caller, member and wanted role, against the promises about escalation: nobody below ADMIN
 * changes anyone's role or invites; nobody gives a role above their own or touches a member above them; an
 * organization keeps an owner. And refusals are no broader than these promises: whatever they allow happens.
 */
class MembershipRulesTest {

    private static final OrgRole[] ROLES = OrgRole.values();

    @Test
    void aRoleChangeIsAllowedExactlyWhenItRaisesNobodyAboveTheCallerAndKeepsAnOwner() {
        int allowed = 0;
        for (OrgRole caller : ROLES) {
            for (OrgRole current : ROLES) {
                for (OrgRole wanted : ROLES) {
                    for (int owners = 1; owners <= 2; owners++) {
                        Optional<Decision> decision = MembershipRules.changeRole(caller, current, wanted, owners);
                        boolean escalates = !caller.atLeast(OrgRole.ADMIN) || current.outranks(caller)
                                || wanted.outranks(caller);
                        boolean losesTheOwner = current == OrgRole.OWNER && wanted != OrgRole.OWNER && owners == 1;
                        String situation = caller + " sets a " + current + " to " + wanted + " with " + owners
                                + " owner(s)";
                        if (escalates) {
                            assertThat(decision).as(situation).hasValueSatisfying(refused ->
                                    assertThat(refused.refusal()).isEqualTo(Refusal.FORBIDDEN));
                        } else if (losesTheOwner) {
                            assertThat(decision).as(situation).hasValueSatisfying(refused ->
                                    assertThat(refused.refusal()).isEqualTo(Refusal.LAST_OWNER));
                        } else {
                            assertThat(decision).as(situation).isEmpty();
                            allowed++;
                        }
                    }
                }
            }
        }
        assertThat(allowed).as("changes allowed at all").isPositive();
    }

    @Test
    void aRemovalNeverReachesAboveTheCallerAndNeverTakesTheLastOwner() {
        for (OrgRole caller : ROLES) {
            for (OrgRole target : ROLES) {
                for (int owners = 1; owners <= 2; owners++) {
                    for (boolean self : new boolean[] {false, true}) {
                        if (self && caller != target) {
                            continue; // leaving is removing oneself, with one's own role
                        }
                        Optional<Decision> decision = MembershipRules.remove(caller, target, self, owners);
                        boolean forbidden = !self && (!caller.atLeast(OrgRole.ADMIN) || target.outranks(caller));
                        boolean lastOwner = target == OrgRole.OWNER && owners == 1;
                        String situation = caller + (self ? " leaves" : " removes a " + target) + " with " + owners
                                + " owner(s)";
                        if (forbidden) {
                            assertThat(decision).as(situation).map(Decision::refusal).contains(Refusal.FORBIDDEN);
                        } else if (lastOwner) {
                            assertThat(decision).as(situation).map(Decision::refusal).contains(Refusal.LAST_OWNER);
                        } else {
                            assertThat(decision).as(situation).isEmpty();
                        }
                    }
                }
            }
        }
    }

    @Test
    void anInviteNeverGivesMoreThanItsCreatorHas() {
        for (OrgRole caller : ROLES) {
            for (OrgRole given : ROLES) {
                boolean allowed = caller.atLeast(OrgRole.ADMIN) && !given.outranks(caller);
                assertThat(MembershipRules.invite(caller, given).isEmpty()).as("%s invites as %s", caller, given)
                        .isEqualTo(allowed);
            }
        }
    }
}
