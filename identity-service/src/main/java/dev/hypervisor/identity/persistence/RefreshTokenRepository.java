package dev.hypervisor.identity.persistence;

import dev.hypervisor.runtime.sql.RowMapper;
import dev.hypervisor.runtime.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class RefreshTokenRepository {

    private static final String COLUMNS = "id, family_id, user_id, token_hash, created_at, expires_at, used_at,"
            + " revoked_at";
    private static final RowMapper<RefreshTokenRecord> TOKEN = row -> new RefreshTokenRecord(row.uuid("id"),
            row.uuid("family_id"), row.uuid("user_id"), row.bytes("token_hash"), row.instant("created_at"),
            row.instant("expires_at"), row.instant("used_at"), row.instant("revoked_at"));

    private final Sql sql;

    public RefreshTokenRepository(Sql sql) {
        this.sql = sql;
    }

    public void insert(RefreshTokenRecord token) {
        sql.update("INSERT INTO refresh_tokens (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                token.id(), token.familyId(), token.userId(), token.tokenHash(), token.createdAt(), token.expiresAt(),
                token.usedAt(), token.revokedAt());
    }

    /** The token with this hash, locked until the transaction ends so that two refreshes with it take turns. */
    public Optional<RefreshTokenRecord> lockByHash(byte[] tokenHash) {
        return sql.one("SELECT " + COLUMNS + " FROM refresh_tokens WHERE token_hash = ? FOR UPDATE", TOKEN, tokenHash);
    }

    public void markUsed(UUID id, Instant now) {
        sql.update("UPDATE refresh_tokens SET used_at = ? WHERE id = ?", now, id);
    }

    /** Revokes every token of the family that is not revoked yet; answers how many. */
    public int revokeFamily(UUID familyId, Instant now) {
        return sql.update("UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL",
                now, familyId);
    }
}
