package dev.hypervisor.identity.service;

import dev.hypervisor.common.problem.ProblemCode;
import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.identity.config.IdentityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;

/**
 * The client-credentials grant for the platform's own accounts (the scheduler, executors), configured with their
 * secrets and roles. Secrets are compared through their digests in constant time.
 */
@ApplicationScoped
public class ServiceAccountService {

    public static final String CLIENT_CREDENTIALS = "client_credentials";

    private final Map<String, IdentityConfig.ServiceAccount> accounts;
    private final TokenIssuer tokens;
    private final AuditLog audit;

    public ServiceAccountService(IdentityConfig config, TokenIssuer tokens, AuditLog audit) {
        this.accounts = config.serviceAccounts();
        this.tokens = tokens;
        this.audit = audit;
    }

    /** An access token for the client, carrying its platform roles. */
    public String issue(String grantType, String clientId, String clientSecret) {
        if (!CLIENT_CREDENTIALS.equals(grantType)) {
            throw new ProblemException(ProblemCode.UNSUPPORTED_GRANT_TYPE,
                    "this endpoint grants client_credentials only; users log in at /api/v1/auth/login");
        }
        Optional<IdentityConfig.ServiceAccount> account = Optional.ofNullable(clientId).map(accounts::get);
        boolean valid = account.flatMap(IdentityConfig.ServiceAccount::secret)
                .map(secret -> sameSecret(secret, clientSecret))
                .orElse(false);
        if (!valid) {
            audit.record("client_authentication_failed", Map.of("client", String.valueOf(clientId)));
            throw new ProblemException(ProblemCode.INVALID_CLIENT, "the client id or secret is wrong");
        }
        audit.record("client_authenticated", Map.of("client", clientId));
        return tokens.forServiceAccount(clientId, account.get().roles());
    }

    public long lifetimeSeconds() {
        return tokens.lifetimeSeconds();
    }

    private static boolean sameSecret(String expected, String given) {
        return given != null && MessageDigest.isEqual(digest(expected), digest(given));
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
