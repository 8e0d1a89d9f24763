package dev.hypervisor.identity.service;

import dev.hypervisor.common.security.PlatformRole;
import dev.hypervisor.identity.config.IdentityConfig;
import dev.hypervisor.identity.persistence.User;
import dev.hypervisor.identity.persistence.UserRepository;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The platform administrator, who manages the shared catalog. Created at the first start from
 * {@code HV_BOOTSTRAP_ADMIN_USERNAME} and {@code HV_BOOTSTRAP_ADMIN_PASSWORD}; with no password configured there is
 * no administrator (the local stack always configures one). An existing account is never changed.
 */
@ApplicationScoped
public class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);

    private final IdentityConfig.BootstrapAdmin settings;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Clock clock;

    public BootstrapAdmin(IdentityConfig config, UserRepository users, PasswordHasher hasher, AuditLog audit,
                          Clock clock) {
        this.settings = config.bootstrapAdmin();
        this.users = users;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    void createAtFirstStart(@Observes StartupEvent started) {
        if (settings.password().isEmpty()) {
            LOG.info("no platform administrator configured (HV_BOOTSTRAP_ADMIN_PASSWORD is not set)");
            return;
        }
        String username = settings.username();
        if (users.findByLogin(username).isPresent()) {
            return;
        }
        User admin = new User(UUID.randomUUID(), username, username + "@admin.hypervisor.invalid",
                hasher.hash(settings.password().get()), List.of(PlatformRole.ADMIN), clock.instant());
        if (users.insert(admin)) {
            audit.record("admin_created", Map.of("user", admin.id(), "username", username));
        }
    }
}
