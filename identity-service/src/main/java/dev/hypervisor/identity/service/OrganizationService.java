package dev.hypervisor.identity.service;

import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.identity.domain.MembershipRules;
import dev.hypervisor.identity.persistence.MembershipRecord;
import dev.hypervisor.identity.persistence.Organization;
import dev.hypervisor.identity.persistence.MembershipRepository;
import dev.hypervisor.identity.persistence.OrganizationRepository;
import dev.hypervisor.identity.persistence.OrganizationRepository.OrganizationWithRole;
import dev.hypervisor.runtime.rest.Cursor;
import dev.hypervisor.runtime.rest.Page;
import dev.hypervisor.runtime.rest.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Organizations and their members. Every change to an organization's memberships first locks the organization,
 * so the rule that it always keeps an owner holds even when two owners demote each other at once.
 */
@ApplicationScoped
public class OrganizationService {

    private final OrganizationRepository organizations;
    private final MembershipRepository members;
    private final Memberships memberships;
    private final InviteService invites;
    private final SessionService sessions;
    private final MembershipRevocations revocations;
    private final AuditLog audit;
    private final Clock clock;

    public OrganizationService(OrganizationRepository organizations, MembershipRepository members,
                               Memberships memberships, InviteService invites,
                               SessionService sessions, MembershipRevocations revocations, AuditLog audit,
                               Clock clock) {
        this.organizations = organizations;
        this.members = members;
        this.memberships = memberships;
        this.invites = invites;
        this.sessions = sessions;
        this.revocations = revocations;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new organization as its creator sees it: with the standing invite's code and a token naming them owner. */
    public record Created(Organization organization, String inviteCode, String accessToken) {
    }

    /** An organization as a member sees it; the invite code only for admins and above. */
    public record Details(Organization organization, int memberCount, OrgRole role, Optional<String> inviteCode) {
    }

    @Transactional
    public Created create(UUID userId, String name) {
        Instant now = clock.instant();
        Organization organization = new Organization(UUID.randomUUID(), name.strip(), userId, now);
        organizations.persist(organization);
        members.add(organization.id(), userId, OrgRole.OWNER, now);
        String inviteCode = invites.createStanding(organization.id(), userId).code();
        audit.record("organization_created", Map.of("organization", organization.id(), "owner", userId));
        return new Created(organization, inviteCode, sessions.accessToken(userId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<OrganizationWithRole> listMine(UUID userId, PageRequest page) {
        return Page.of(organizations.listForUser(userId, page.text(0), page.id(1), page.fetchSize()), page,
                organization -> Cursor.encode(organization.name(), organization.id().toString()));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Details get(UUID userId, UUID organizationId) {
        OrgRole role = memberships.roleOf(organizationId, userId);
        Organization organization = organizations.findByIdOptional(organizationId)
                .orElseThrow(() -> ProblemException.notFound("organization " + organizationId));
        Optional<String> code = role.atLeast(OrgRole.ADMIN) ? invites.standingCode(organizationId) : Optional.empty();
        return new Details(organization, (int) members.countMembers(organizationId), role, code);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<MembershipRecord> members(UUID userId, UUID organizationId, PageRequest page) {
        memberships.of(organizationId, userId);
        return Page.of(members.list(organizationId, page.time(0), page.id(1), page.fetchSize()), page,
                member -> Cursor.encode(member.joinedAt().toString(), member.userId().toString()));
    }

    @Transactional
    public MembershipRecord changeRole(UUID callerId, UUID organizationId, UUID memberId, OrgRole role) {
        lock(organizationId);
        OrgRole callerRole = memberships.roleOf(organizationId, callerId);
        MembershipRecord member = member(organizationId, memberId);
        MembershipRules.changeRole(callerRole, member.role(), role, (int) members.countOwners(organizationId))
                .ifPresent(Memberships::refuse);
        members.changeRole(organizationId, memberId, role);
        if (member.role().outranks(role)) {
            revocations.revoke(organizationId, memberId); // tokens naming the higher role stop counting
        }
        audit.record("role_changed", Map.of("organization", organizationId, "by", callerId, "member", memberId,
                "from", member.role(), "to", role));
        return new MembershipRecord(organizationId, memberId, member.username(), role, member.joinedAt());
    }

    /** Removes a member, or lets the caller leave when they name themselves. */
    @Transactional
    public void removeMember(UUID callerId, UUID organizationId, UUID memberId) {
        lock(organizationId);
        OrgRole callerRole = memberships.roleOf(organizationId, callerId);
        MembershipRecord member = member(organizationId, memberId);
        boolean leaving = callerId.equals(memberId);
        MembershipRules.remove(callerRole, member.role(), leaving, (int) members.countOwners(organizationId))
                .ifPresent(Memberships::refuse);
        members.remove(organizationId, memberId);
        revocations.revoke(organizationId, memberId);
        audit.record(leaving ? "member_left" : "member_removed", Map.of("organization", organizationId,
                "by", callerId, "member", memberId, "role", member.role()));
    }

    private void lock(UUID organizationId) {
        organizations.lock(organizationId)
                .orElseThrow(() -> ProblemException.notFound("organization " + organizationId));
    }

    private MembershipRecord member(UUID organizationId, UUID memberId) {
        return members.find(organizationId, memberId)
                .orElseThrow(() -> ProblemException.notFound("member " + memberId));
    }
}
