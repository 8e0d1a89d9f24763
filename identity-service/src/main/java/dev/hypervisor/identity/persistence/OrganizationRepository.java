package dev.hypervisor.identity.persistence;

import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.runtime.sql.RowMapper;
import dev.hypervisor.runtime.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Organizations and their memberships, which always change together. */
@ApplicationScoped
public class OrganizationRepository {

    private static final RowMapper<OrganizationRecord> ORGANIZATION = row -> new OrganizationRecord(
            row.uuid("id"), row.string("name"), row.uuid("created_by"), row.instant("created_at"));
    private static final RowMapper<MembershipRecord> MEMBERSHIP = row -> new MembershipRecord(
            row.uuid("organization_id"), row.uuid("user_id"), row.string("username"),
            row.enumValue("role", OrgRole.class), row.instant("joined_at"));

    /** A user's organization with their role in it. */
    public record OrganizationWithRole(UUID id, String name, OrgRole role) {
    }

    private final Sql sql;

    public OrganizationRepository(Sql sql) {
        this.sql = sql;
    }

    public void insert(OrganizationRecord organization) {
        sql.update("INSERT INTO organizations (id, name, created_by, created_at) VALUES (?, ?, ?, ?)",
                organization.id(), organization.name(), organization.createdBy(), organization.createdAt());
    }

    public Optional<OrganizationRecord> findById(UUID id) {
        return sql.one("SELECT id, name, created_by, created_at FROM organizations WHERE id = ?", ORGANIZATION, id);
    }

    /**
     * Locks the organization's row until the transaction ends: every change to its memberships takes this lock
     * first, so rules that count members (the last owner) see a count nobody else is changing.
     */
    public Optional<OrganizationRecord> lock(UUID id) {
        return sql.one("SELECT id, name, created_by, created_at FROM organizations WHERE id = ? FOR UPDATE",
                ORGANIZATION, id);
    }

    /** The user's organizations in name order, after the cursor position ({@code afterName}, {@code afterId}). */
    public List<OrganizationWithRole> listForUser(UUID userId, String afterName, UUID afterId, int limit) {
        return sql.list("""
                        SELECT o.id, o.name, m.role FROM memberships m JOIN organizations o ON o.id = m.organization_id
                        WHERE m.user_id = ? AND (o.name, o.id) > (?, ?)
                        ORDER BY o.name, o.id LIMIT ?""",
                row -> new OrganizationWithRole(row.uuid("id"), row.string("name"), row.enumValue("role", OrgRole.class)),
                userId, afterName, afterId, limit);
    }

    /** Adds the member unless they already are one; answers whether it did. */
    public boolean addMember(UUID organizationId, UUID userId, OrgRole role, Instant joinedAt) {
        return sql.update("""
                        INSERT INTO memberships (organization_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""",
                organizationId, userId, role, joinedAt) == 1;
    }

    public Optional<MembershipRecord> findMember(UUID organizationId, UUID userId) {
        return sql.one("""
                        SELECT m.organization_id, m.user_id, u.username, m.role, m.joined_at
                        FROM memberships m JOIN users u ON u.id = m.user_id
                        WHERE m.organization_id = ? AND m.user_id = ?""",
                MEMBERSHIP, organizationId, userId);
    }

    /** Members in the order they joined, after the cursor position ({@code afterJoinedAt}, {@code afterUserId}). */
    public List<MembershipRecord> listMembers(UUID organizationId, Instant afterJoinedAt, UUID afterUserId, int limit) {
        return sql.list("""
                        SELECT m.organization_id, m.user_id, u.username, m.role, m.joined_at
                        FROM memberships m JOIN users u ON u.id = m.user_id
                        WHERE m.organization_id = ? AND (m.joined_at, m.user_id) > (?, ?)
                        ORDER BY m.joined_at, m.user_id LIMIT ?""",
                MEMBERSHIP, organizationId, afterJoinedAt, afterUserId, limit);
    }

    public int countMembers(UUID organizationId) {
        return sql.one("SELECT count(*) AS members FROM memberships WHERE organization_id = ?",
                row -> row.integer("members"), organizationId).orElse(0);
    }

    public int countOwners(UUID organizationId) {
        return sql.one("SELECT count(*) AS owners FROM memberships WHERE organization_id = ? AND role = 'OWNER'",
                row -> row.integer("owners"), organizationId).orElse(0);
    }

    public void changeRole(UUID organizationId, UUID userId, OrgRole role) {
        sql.update("UPDATE memberships SET role = ? WHERE organization_id = ? AND user_id = ?", role, organizationId,
                userId);
    }

    public void removeMember(UUID organizationId, UUID userId) {
        sql.update("DELETE FROM memberships WHERE organization_id = ? AND user_id = ?", organizationId, userId);
    }

    /** Every membership of the user, as the access-token claim carries them. */
    public Map<UUID, OrgRole> rolesOf(UUID userId) {
        Map<UUID, OrgRole> roles = new LinkedHashMap<>();
        sql.list("SELECT organization_id, role FROM memberships WHERE user_id = ? ORDER BY organization_id",
                        row -> Map.entry(row.uuid("organization_id"), row.enumValue("role", OrgRole.class)), userId)
                .forEach(entry -> roles.put(entry.getKey(), entry.getValue()));
        return roles;
    }
}
