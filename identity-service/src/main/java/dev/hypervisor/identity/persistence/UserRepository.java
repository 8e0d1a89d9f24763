package dev.hypervisor.identity.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<User, UUID> {

    /**
     * Stores the user unless the username or email is taken (regardless of case); answers whether it did. Two
     * registrations racing for one name: the database's unique indexes refuse the second, which answers false
     * (its transaction can then only roll back).
     */
    public boolean insert(User user) {
        if (count("lower(username) = ?1 or lower(email) = ?2", user.username().toLowerCase(Locale.ROOT),
                user.email().toLowerCase(Locale.ROOT)) > 0) {
            return false;
        }
        try {
            persistAndFlush(user);
            return true;
        } catch (PersistenceException taken) {
            return false;
        }
    }

    /** The user whose username or email is {@code login}, regardless of case. */
    public Optional<User> findByLogin(String login) {
        return find("lower(username) = ?1 or lower(email) = ?1", login.toLowerCase(Locale.ROOT))
                .firstResultOptional();
    }
}
