package dev.hypervisor.identity.persistence;

import dev.hypervisor.runtime.sql.RowMapper;
import dev.hypervisor.runtime.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class UserRepository {

    private static final String COLUMNS = "id, username, email, password_hash, platform_roles, created_at";
    private static final RowMapper<UserRecord> USER = row -> new UserRecord(row.uuid("id"), row.string("username"),
            row.string("email"), row.string("password_hash"), row.strings("platform_roles"), row.instant("created_at"));

    private final Sql sql;

    public UserRepository(Sql sql) {
        this.sql = sql;
    }

    /** Stores the user unless the username or email is taken (regardless of case); answers whether it did. */
    public boolean insert(UserRecord user) {
        return sql.update("INSERT INTO users (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                user.id(), user.username(), user.email(), user.passwordHash(), user.platformRoles(),
                user.createdAt()) == 1;
    }

    /** The user whose username or email is {@code login}, regardless of case. */
    public Optional<UserRecord> findByLogin(String login) {
        return sql.one("SELECT " + COLUMNS + " FROM users WHERE lower(username) = lower(?) OR lower(email) = lower(?)",
                USER, login, login);
    }

    public Optional<UserRecord> findById(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM users WHERE id = ?", USER, id);
    }
}
