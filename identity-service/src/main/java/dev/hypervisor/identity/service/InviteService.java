package dev.hypervisor.identity.service;

import dev.hypervisor.common.problem.ProblemCode;
import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.runtime.ratelimit.Limit;
import dev.hypervisor.runtime.ratelimit.RateLimiter;
import dev.hypervisor.identity.config.IdentityConfig;
import dev.hypervisor.identity.domain.MembershipRules;
import dev.hypervisor.identity.domain.SecretCodes;
import dev.hypervisor.identity.keys.SecretBox;
import dev.hypervisor.identity.persistence.Invite;
import dev.hypervisor.identity.persistence.InviteRepository;
import dev.hypervisor.identity.persistence.InviteRepository.Redemption;
import dev.hypervisor.identity.persistence.MembershipRepository;
import dev.hypervisor.identity.persistence.Organization;
import dev.hypervisor.identity.persistence.OrganizationRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Invites: codes that let a user join an organization with the role the invite names, never one they ask for.
 * An invite has a maximum number of uses and an expiry and can be revoked; the codes exist only as hashes, except
 * the standing invite each organization gets, whose code is kept sealed so its admins can look it up again.
 */
@ApplicationScoped
public class InviteService {

    private final InviteRepository invites;
    private final OrganizationRepository organizations;
    private final MembershipRepository members;
    private final Memberships memberships;
    private final SessionService sessions;
    private final SecretCodes codes;
    private final SecretBox box;
    private final IdentityConfig.Invites settings;
    private final AuditLog audit;
    private final Clock clock;
    private final RateLimiter failedJoins;

    public InviteService(InviteRepository invites, OrganizationRepository organizations, MembershipRepository members,
                         Memberships memberships,
                         SessionService sessions, SecretCodes codes, SecretBox box, IdentityConfig config,
                         AuditLog audit, Clock clock) {
        this.invites = invites;
        this.organizations = organizations;
        this.members = members;
        this.memberships = memberships;
        this.sessions = sessions;
        this.codes = codes;
        this.box = box;
        this.settings = config.invites();
        this.audit = audit;
        this.clock = clock;
        this.failedJoins = new RateLimiter(Limit.parse(config.failedJoins()));
    }

    /** A new invite as its creator sees it, the only time the code is shown (bar the standing invite). */
    public record CreatedInvite(String code, OrgRole role, int maxUses, Instant expiresAt) {
    }

    /** What joining gave: the organization, the role from the invite, and a token that carries it. */
    public record Joined(Organization organization, OrgRole role, String accessToken) {
    }

    @Transactional
    public CreatedInvite create(UUID callerId, UUID organizationId, Optional<OrgRole> role, Optional<Integer> maxUses,
                                Optional<Integer> expiresInHours) {
        OrgRole callerRole = memberships.roleOf(organizationId, callerId);
        OrgRole given = role.orElse(OrgRole.DEVELOPER);
        MembershipRules.invite(callerRole, given).ifPresent(Memberships::refuse);
        Duration lifetime = expiresInHours.map(Duration::ofHours).orElse(settings.defaultTtl());
        CreatedInvite invite = insert(organizationId, callerId, given, maxUses.orElse(settings.defaultMaxUses()),
                lifetime, false);
        audit.record("invite_created", Map.of("organization", organizationId, "by", callerId, "role", given,
                "maxUses", invite.maxUses(), "expiresAt", invite.expiresAt()));
        return invite;
    }

    /** The standing invite of a new organization: many uses, the DEVELOPER role, its code kept sealed. */
    CreatedInvite createStanding(UUID organizationId, UUID ownerId) {
        return insert(organizationId, ownerId, OrgRole.DEVELOPER, settings.standingMaxUses(), settings.standingTtl(),
                true);
    }

    /** The standing invite's code while it can be used, for the organization's admins. */
    Optional<String> standingCode(UUID organizationId) {
        return invites.usableStandingInvite(organizationId, clock.instant())
                .flatMap(invite -> box.open(invite.sealedCode()));
    }

    @Transactional
    public void revoke(UUID callerId, UUID organizationId, String code) {
        OrgRole callerRole = memberships.roleOf(organizationId, callerId);
        if (!callerRole.atLeast(OrgRole.ADMIN)) {
            throw ProblemException.forbidden("revoking invites needs the ADMIN role or above");
        }
        if (!invites.revoke(organizationId, SecretCodes.inviteHash(code), clock.instant())) {
            throw ProblemException.notFound("this invite");
        }
        audit.record("invite_revoked", Map.of("organization", organizationId, "by", callerId));
    }

    /**
     * Joins the organization the code invites to. Counting the use and adding the member happen in one
     * transaction: if the caller is already a member, the use is given back. A user who keeps presenting codes
     * that are not valid is refused for a while (429), whatever the code.
     */
    @Transactional
    public Joined join(UUID userId, String code) {
        String guesser = userId.toString();
        Optional<Duration> lockedFor = failedJoins.check(guesser);
        if (lockedFor.isPresent()) {
            audit.record("join_refused", Map.of("user", userId, "reason", "too_many_invalid_codes"));
            throw ProblemException.tooManyRequests(lockedFor.get());
        }
        Optional<Redemption> found = invites.redeem(SecretCodes.inviteHash(code), clock.instant());
        if (found.isEmpty()) {
            failedJoins.record(guesser);
            audit.record("join_failed", Map.of("user", userId));
            throw new ProblemException(ProblemCode.INVALID_INVITE,
                    "the invite code is unknown, expired, revoked or used up");
        }
        Redemption redemption = found.get();
        Organization organization = organizations.findByIdOptional(redemption.organizationId())
                .orElseThrow(() -> new ProblemException(ProblemCode.INVALID_INVITE, "the organization is gone"));
        if (!members.add(organization.id(), userId, redemption.role(), clock.instant())) {
            throw new ProblemException(ProblemCode.ALREADY_MEMBER, "you are already a member of this organization");
        }
        audit.record("invite_used", Map.of("organization", organization.id(), "user", userId,
                "invite", redemption.inviteId(), "role", redemption.role()));
        return new Joined(organization, redemption.role(), sessions.accessToken(userId));
    }

    private CreatedInvite insert(UUID organizationId, UUID creatorId, OrgRole role, int maxUses, Duration lifetime,
                                 boolean standing) {
        Instant now = clock.instant();
        String code = codes.newInviteCode();
        Instant expiresAt = now.plus(lifetime);
        invites.persist(new Invite(UUID.randomUUID(), organizationId, SecretCodes.inviteHash(code),
                standing ? box.seal(code) : null, standing, role, maxUses, expiresAt, creatorId, now));
        return new CreatedInvite(code, role, maxUses, expiresAt);
    }
}
