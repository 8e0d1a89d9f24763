package dev.hypervisor.identity.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A user account as stored: never changed once created (the accessors are the record's of old). */
@Entity
@Table(name = "users")
public class User {

    @Id
    private UUID id;
    private String username;
    private String email;
    @Column(name = "password_hash")
    private String passwordHash;
    @Column(name = "platform_roles")
    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> platformRoles;
    @Column(name = "created_at")
    private Instant createdAt;

    protected User() {
        // for JPA
    }

    public User(UUID id, String username, String email, String passwordHash, List<String> platformRoles,
                Instant createdAt) {
        this.id = id;
        this.username = username;
        this.email = email;
        this.passwordHash = passwordHash;
        this.platformRoles = List.copyOf(platformRoles);
        this.createdAt = createdAt;
    }

    public UUID id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String email() {
        return email;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public List<String> platformRoles() {
        return List.copyOf(platformRoles);
    }

    public Instant createdAt() {
        return createdAt;
    }
}
