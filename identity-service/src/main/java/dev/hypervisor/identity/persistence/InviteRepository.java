package dev.hypervisor.identity.persistence;

import dev.hypervisor.common.security.OrgRole;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class InviteRepository implements PanacheRepositoryBase<Invite, UUID> {

    /** What redeeming an invite gives: membership of this organization with this role. */
    public record Redemption(UUID inviteId, UUID organizationId, OrgRole role) {
    }

    /**
     * Uses up one use of the invite if its terms still allow one. The invite's row is locked first, so of two
     * callers racing for the last use exactly one gets it.
     */
    public Optional<Redemption> redeem(byte[] codeHash, Instant now) {
        return find("codeHash", codeHash).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .filter(invite -> invite.terms().usableAt(now))
                .map(invite -> {
                    invite.use();
                    return new Redemption(invite.id(), invite.organizationId(), invite.role());
                });
    }

    /** Revokes the organization's invite with this code; answers whether there was one to revoke. */
    public boolean revoke(UUID organizationId, byte[] codeHash, Instant now) {
        return update("revokedAt = ?1 WHERE organizationId = ?2 AND codeHash = ?3 AND revokedAt IS NULL", now,
                organizationId, codeHash) == 1;
    }

    /** The organization's newest standing invite that can still be used. */
    public Optional<Invite> usableStandingInvite(UUID organizationId, Instant now) {
        return list("organizationId = ?1 AND standing = true", Sort.descending("createdAt"), organizationId).stream()
                .filter(invite -> invite.terms().usableAt(now)).findFirst();
    }
}
