package dev.hypervisor.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class RefreshTokenRepository implements PanacheRepositoryBase<RefreshToken, UUID> {

    /** The token with this hash, locked until the transaction ends so that two refreshes with it take turns. */
    public Optional<RefreshToken> lockByHash(byte[] tokenHash) {
        return find("tokenHash", tokenHash).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** Revokes every token of the family that is not revoked yet; answers how many. */
    public int revokeFamily(UUID familyId, Instant now) {
        return update("revokedAt = ?1 WHERE familyId = ?2 AND revokedAt IS NULL", now, familyId);
    }
}
