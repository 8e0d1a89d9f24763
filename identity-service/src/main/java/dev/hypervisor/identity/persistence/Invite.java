package dev.hypervisor.identity.persistence;

import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.identity.domain.InviteTerms;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An invite as stored: its code only as a hash, and sealed for the standing invite. */
@Entity
@Table(name = "invites")
public class Invite {

    @Id
    private UUID id;
    @Column(name = "organization_id")
    private UUID organizationId;
    @Column(name = "code_hash")
    private byte[] codeHash;
    @Column(name = "sealed_code")
    private byte[] sealedCode;
    private boolean standing;
    @Enumerated(EnumType.STRING)
    private OrgRole role;
    @Column(name = "max_uses")
    private int maxUses;
    private int uses;
    @Column(name = "expires_at")
    private Instant expiresAt;
    @Column(name = "revoked_at")
    private Instant revokedAt;
    @Column(name = "created_by")
    private UUID createdBy;
    @Column(name = "created_at")
    private Instant createdAt;

    protected Invite() {
        // for JPA
    }

    public Invite(UUID id, UUID organizationId, byte[] codeHash, byte[] sealedCode, boolean standing, OrgRole role,
                  int maxUses, Instant expiresAt, UUID createdBy, Instant createdAt) {
        this.id = id;
        this.organizationId = organizationId;
        this.codeHash = codeHash.clone();
        this.sealedCode = sealedCode == null ? null : sealedCode.clone();
        this.standing = standing;
        this.role = role;
        this.maxUses = maxUses;
        this.expiresAt = expiresAt;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public UUID id() {
        return id;
    }

    public UUID organizationId() {
        return organizationId;
    }

    public byte[] sealedCode() {
        return sealedCode == null ? null : sealedCode.clone();
    }

    public OrgRole role() {
        return role;
    }

    /** How often it may still be used, until when, and whether it was revoked: whether it can be used. */
    public InviteTerms terms() {
        return new InviteTerms(maxUses, uses, expiresAt, revokedAt);
    }

    /** Counts a use; only for an invite whose terms allow one, under its row's lock. */
    void use() {
        uses++;
    }
}
