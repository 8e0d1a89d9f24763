package dev.hypervisor.identity.persistence;

import dev.hypervisor.common.security.OrgRole;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Who is a member of which organization, in which role. */
@ApplicationScoped
public class MembershipRepository implements PanacheRepositoryBase<Membership, Membership.Key> {

    private static final String MEMBER = """
            SELECT new dev.hypervisor.identity.persistence.MembershipRecord(
                m.organizationId, m.userId, u.username, m.role, m.joinedAt)
            FROM Membership m JOIN User u ON u.id = m.userId""";

    /**
     * Adds the member unless they already are one; answers whether it did (a member added by a request racing
     * with this one is refused by the key, and this transaction can then only roll back).
     */
    public boolean add(UUID organizationId, UUID userId, OrgRole role, Instant joinedAt) {
        if (findByIdOptional(new Membership.Key(organizationId, userId)).isPresent()) {
            return false;
        }
        try {
            persistAndFlush(new Membership(organizationId, userId, role, joinedAt));
            return true;
        } catch (PersistenceException taken) {
            return false;
        }
    }

    public Optional<MembershipRecord> find(UUID organizationId, UUID userId) {
        return getEntityManager().createQuery(MEMBER + " WHERE m.organizationId = :organization AND m.userId = :user",
                        MembershipRecord.class)
                .setParameter("organization", organizationId).setParameter("user", userId)
                .getResultStream().findFirst();
    }

    /** Members in the order they joined, after the cursor position ({@code afterJoinedAt}, {@code afterUserId}). */
    public List<MembershipRecord> list(UUID organizationId, Instant afterJoinedAt, UUID afterUserId, int limit) {
        return getEntityManager().createQuery(MEMBER + """
                         WHERE m.organizationId = :organization
                        AND (m.joinedAt > :joined OR (m.joinedAt = :joined AND m.userId > :user))
                        ORDER BY m.joinedAt, m.userId""", MembershipRecord.class)
                .setParameter("organization", organizationId).setParameter("joined", afterJoinedAt)
                .setParameter("user", afterUserId).setMaxResults(limit).getResultList();
    }

    public long countMembers(UUID organizationId) {
        return count("organizationId", organizationId);
    }

    public long countOwners(UUID organizationId) {
        return count("organizationId = ?1 AND role = ?2", organizationId, OrgRole.OWNER);
    }

    public void changeRole(UUID organizationId, UUID userId, OrgRole role) {
        update("role = ?1 WHERE organizationId = ?2 AND userId = ?3", role, organizationId, userId);
    }

    public void remove(UUID organizationId, UUID userId) {
        delete("organizationId = ?1 AND userId = ?2", organizationId, userId);
    }

    /** Every membership of the user, as the access-token claim carries them. */
    public Map<UUID, OrgRole> rolesOf(UUID userId) {
        Map<UUID, OrgRole> roles = new LinkedHashMap<>();
        list("userId", Sort.by("organizationId"), userId)
                .forEach(membership -> roles.put(membership.organizationId(), membership.role()));
        return roles;
    }
}
