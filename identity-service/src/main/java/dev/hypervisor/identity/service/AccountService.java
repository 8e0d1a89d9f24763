package dev.hypervisor.identity.service;

import dev.hypervisor.common.problem.FieldError;
import dev.hypervisor.common.problem.Problem;
import dev.hypervisor.common.problem.ProblemCode;
import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.identity.config.IdentityConfig;
import dev.hypervisor.identity.domain.PasswordPolicy;
import dev.hypervisor.identity.persistence.OrganizationRepository;
import dev.hypervisor.identity.persistence.OrganizationRepository.OrganizationWithRole;
import dev.hypervisor.identity.persistence.User;
import dev.hypervisor.identity.persistence.UserRepository;
import dev.hypervisor.runtime.ratelimit.Limit;
import dev.hypervisor.runtime.ratelimit.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Accounts: registration and login. A failed login never says whether the username exists: an unknown user and
 * a wrong password get the same answer after the same work. Repeated failures for one username from one address
 * are refused for a while, so a password cannot be guessed by trying.
 */
@ApplicationScoped
public class AccountService {

    private final UserRepository users;
    private final OrganizationRepository organizations;
    private final PasswordHasher hasher;
    private final PasswordPolicy passwordPolicy;
    private final SessionService sessions;
    private final RateLimiter failedLogins;
    private final AuditLog audit;
    private final Clock clock;

    public AccountService(UserRepository users, OrganizationRepository organizations, PasswordHasher hasher,
                          PasswordPolicy passwordPolicy, SessionService sessions, IdentityConfig config,
                          AuditLog audit, Clock clock) {
        this.users = users;
        this.organizations = organizations;
        this.hasher = hasher;
        this.passwordPolicy = passwordPolicy;
        this.sessions = sessions;
        this.failedLogins = new RateLimiter(Limit.parse(config.failedLogins()));
        this.audit = audit;
        this.clock = clock;
    }

    /** A user's account and their organizations, as {@code GET /users/me} shows it. */
    public record Profile(User user, List<OrganizationWithRole> organizations) {
    }

    /**
     * Creates an account. A taken username or email is one 409 that does not say which of the two is taken, so the
     * answer reveals no more than the contract requires.
     */
    @Transactional
    public User register(String username, String email, String password) {
        passwordPolicy.problemWith(password).ifPresent(problem -> {
            throw new ProblemException(Problem.validation(List.of(new FieldError("password", problem))));
        });
        User user = new User(UUID.randomUUID(), username, email.toLowerCase(Locale.ROOT),
                hasher.hash(password), List.of(), clock.instant());
        if (!users.insert(user)) {
            throw new ProblemException(ProblemCode.DUPLICATE_ACCOUNT,
                    "an account with this username or email already exists");
        }
        audit.record("user_registered", Map.of("user", user.id(), "username", user.username()));
        return user;
    }

    /** Checks the credentials and starts a session; {@code login} is the username or the email. */
    public TokenPair login(String login, String password, String clientAddress) {
        String attempt = login.toLowerCase(Locale.ROOT) + "|" + clientAddress;
        Optional<Duration> lockedFor = failedLogins.check(attempt);
        if (lockedFor.isPresent()) {
            audit.record("login_refused", Map.of("login", login, "address", clientAddress,
                    "reason", "too_many_failures"));
            throw ProblemException.tooManyRequests(lockedFor.get());
        }
        Optional<User> user = users.findByLogin(login);
        boolean valid = user.map(found -> hasher.matches(password, found.passwordHash())).orElseGet(() -> {
            hasher.checkAgainstNobody(password);
            return false;
        });
        if (!valid) {
            failedLogins.record(attempt);
            audit.record("login_failed", Map.of("login", login, "address", clientAddress));
            throw new ProblemException(ProblemCode.INVALID_CREDENTIALS, "the username or password is wrong");
        }
        audit.record("login_succeeded", Map.of("user", user.get().id(), "address", clientAddress));
        return sessions.start(user.get());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Profile profile(UUID userId) {
        User user = users.findByIdOptional(userId).orElseThrow(() -> ProblemException.notFound("your account"));
        return new Profile(user, organizations.listForUser(userId, "", new UUID(0, 0), Integer.MAX_VALUE));
    }
}
