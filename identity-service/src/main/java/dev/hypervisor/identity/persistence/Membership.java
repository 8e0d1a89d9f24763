package dev.hypervisor.identity.persistence;

import dev.hypervisor.common.security.OrgRole;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A user's membership of an organization, with their role in it. */
@Entity
@Table(name = "memberships")
@IdClass(Membership.Key.class)
public class Membership {

    /** Who in what: a membership's identity. */
    public static class Key implements Serializable {

        private UUID organizationId;
        private UUID userId;

        public Key() {
            // for JPA
        }

        public Key(UUID organizationId, UUID userId) {
            this.organizationId = organizationId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(organizationId, key.organizationId)
                    && Objects.equals(userId, key.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(organizationId, userId);
        }
    }

    @Id
    @Column(name = "organization_id")
    private UUID organizationId;
    @Id
    @Column(name = "user_id")
    private UUID userId;
    @Enumerated(EnumType.STRING)
    private OrgRole role;
    @Column(name = "joined_at")
    private Instant joinedAt;

    protected Membership() {
        // for JPA
    }

    public Membership(UUID organizationId, UUID userId, OrgRole role, Instant joinedAt) {
        this.organizationId = organizationId;
        this.userId = userId;
        this.role = role;
        this.joinedAt = joinedAt;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public OrgRole role() {
        return role;
    }
}
