package dev.hypervisor.identity.persistence;

import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.runtime.sql.RowMapper;
import dev.hypervisor.runtime.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class InviteRepository {

    private static final String COLUMNS = "id, organization_id, code_hash, sealed_code, standing, role, max_uses, uses,"
            + " expires_at, revoked_at, created_by, created_at";
    private static final RowMapper<InviteRecord> INVITE = row -> new InviteRecord(row.uuid("id"),
            row.uuid("organization_id"), row.bytes("code_hash"), row.bytes("sealed_code"), row.bool("standing"),
            row.enumValue("role", OrgRole.class), row.integer("max_uses"), row.integer("uses"),
            row.instant("expires_at"), row.instant("revoked_at"), row.uuid("created_by"), row.instant("created_at"));

    /** What redeeming an invite gives: membership of this organization with this role. */
    public record Redemption(UUID inviteId, UUID organizationId, OrgRole role) {
    }

    private final Sql sql;

    public InviteRepository(Sql sql) {
        this.sql = sql;
    }

    public void insert(InviteRecord invite) {
        sql.update("INSERT INTO invites (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                invite.id(), invite.organizationId(), invite.codeHash(), invite.sealedCode(), invite.standing(),
                invite.role(), invite.maxUses(), invite.uses(), invite.expiresAt(), invite.revokedAt(),
                invite.createdBy(), invite.createdAt());
    }

    /**
     * Uses up one use of the invite if it is still good: not revoked, not expired, not used up. One conditional
     * update does both the check and the counting, so of two callers racing for the last use exactly one wins.
     */
    public Optional<Redemption> redeem(byte[] codeHash, Instant now) {
        return sql.one("""
                        UPDATE invites SET uses = uses + 1
                        WHERE code_hash = ? AND revoked_at IS NULL AND expires_at > ? AND uses < max_uses
                        RETURNING id, organization_id, role""",
                row -> new Redemption(row.uuid("id"), row.uuid("organization_id"), row.enumValue("role", OrgRole.class)),
                codeHash, now);
    }

    /** Revokes the organization's invite with this code; answers whether there was one to revoke. */
    public boolean revoke(UUID organizationId, byte[] codeHash, Instant now) {
        return sql.update("""
                        UPDATE invites SET revoked_at = ?
                        WHERE organization_id = ? AND code_hash = ? AND revoked_at IS NULL""",
                now, organizationId, codeHash) == 1;
    }

    /** The organization's standing invite, while it can still be used. */
    public Optional<InviteRecord> usableStandingInvite(UUID organizationId, Instant now) {
        return sql.one("SELECT " + COLUMNS + " FROM invites WHERE organization_id = ? AND standing"
                        + " AND revoked_at IS NULL AND expires_at > ? AND uses < max_uses"
                        + " ORDER BY created_at DESC LIMIT 1",
                INVITE, organizationId, now);
    }
}
