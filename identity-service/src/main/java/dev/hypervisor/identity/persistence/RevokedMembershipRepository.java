package dev.hypervisor.identity.persistence;

import dev.hypervisor.runtime.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Memberships ended or lowered (see {@code V3__revoked_memberships.sql}). */
@ApplicationScoped
public class RevokedMembershipRepository {

    /** A membership, by its digest, and when it was revoked. */
    public record Revocation(String membership, Instant revokedAt) {
    }

    private final Sql sql;

    public RevokedMembershipRepository(Sql sql) {
        this.sql = sql;
    }

    /** Records the revocation and forgets those older than {@code keepSince}, which no live token predates. */
    public void insert(Revocation revocation, Instant keepSince) {
        sql.update("DELETE FROM revoked_memberships WHERE revoked_at < ?", keepSince);
        sql.update("INSERT INTO revoked_memberships (membership, revoked_at) VALUES (?, ?)", revocation.membership(),
                revocation.revokedAt());
    }

    /** The revocations since the instant, latest per membership. */
    public List<Revocation> since(Instant since) {
        return sql.list("SELECT membership, max(revoked_at) AS revoked_at FROM revoked_memberships"
                        + " WHERE revoked_at >= ? GROUP BY membership ORDER BY membership",
                row -> new Revocation(row.string("membership"), row.instant("revoked_at")), since);
    }
}
