package dev.hypervisor.identity.persistence;

import dev.hypervisor.common.security.OrgRole;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Organizations; their memberships are {@link MembershipRepository}'s. */
@ApplicationScoped
public class OrganizationRepository implements PanacheRepositoryBase<Organization, UUID> {

    /** A user's organization with their role in it. */
    public record OrganizationWithRole(UUID id, String name, OrgRole role) {
    }

    /**
     * Locks the organization's row until the transaction ends: every change to its memberships takes this lock
     * first, so rules that count members (the last owner) see a count nobody else is changing.
     */
    public Optional<Organization> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The user's organizations in name order, after the cursor position ({@code afterName}, {@code afterId}). */
    public List<OrganizationWithRole> listForUser(UUID userId, String afterName, UUID afterId, int limit) {
        return getEntityManager().createQuery("""
                        SELECT new dev.hypervisor.identity.persistence.OrganizationRepository$OrganizationWithRole(
                            o.id, o.name, m.role)
                        FROM Membership m JOIN Organization o ON o.id = m.organizationId
                        WHERE m.userId = :user AND (o.name > :name OR (o.name = :name AND o.id > :id))
                        ORDER BY o.name, o.id""", OrganizationWithRole.class)
                .setParameter("user", userId).setParameter("name", afterName).setParameter("id", afterId)
                .setMaxResults(limit).getResultList();
    }
}
