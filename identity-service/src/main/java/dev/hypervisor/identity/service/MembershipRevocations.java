package dev.hypervisor.identity.service;

import dev.hypervisor.common.security.MembershipDigest;
import dev.hypervisor.identity.config.IdentityConfig;
import dev.hypervisor.identity.persistence.RevokedMembershipRepository;
import dev.hypervisor.identity.persistence.RevokedMembershipRepository.Revocation;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Access tokens name the caller's memberships and live a while (15 minutes by default). When a membership ends
 * or is lowered, the tokens issued before must stop speaking for it: the revocation is published
 * ({@code /.well-known/revoked-memberships}) for as long as such a token could still be presented, and the other
 * services refuse a token's word for a membership revoked at or after the token was issued.
 */
@ApplicationScoped
public class MembershipRevocations {

    /** Clocks disagree a little; keep revocations a minute longer than any token lives. */
    private static final Duration SKEW = Duration.ofMinutes(1);

    private final RevokedMembershipRepository revocations;
    private final Duration kept;
    private final Clock clock;

    public MembershipRevocations(RevokedMembershipRepository revocations, IdentityConfig config, Clock clock) {
        this.revocations = revocations;
        this.kept = config.accessTokenTtl().plus(SKEW);
        this.clock = clock;
    }

    /** In the caller's transaction: the user's membership of the organization ended or was lowered now. */
    public void revoke(UUID organizationId, UUID userId) {
        Instant now = clock.instant();
        revocations.insert(new Revocation(MembershipDigest.of(organizationId, userId.toString()), now),
                now.minus(kept));
    }

    /** The revocations tokens still alive may predate. */
    public List<Revocation> current() {
        return revocations.since(clock.instant().minus(kept));
    }
}
