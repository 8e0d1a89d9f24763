package dev.hypervisor.identity.service;

import dev.hypervisor.identity.config.IdentityConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * bcrypt at the configured cost. Checking a password for a user who does not exist costs the same as for one who
 * does, so that the answer's timing does not tell which usernames are taken.
 */
@ApplicationScoped
public class PasswordHasher {

    private final int cost;
    private final String unknownUserHash;

    public PasswordHasher(IdentityConfig config, SecureRandom random) {
        this.cost = config.bcryptCost();
        byte[] nobody = new byte[24];
        random.nextBytes(nobody);
        this.unknownUserHash = hash(Base64.getEncoder().encodeToString(nobody));
    }

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, cost);
    }

    public boolean matches(String password, String hash) {
        return BcryptUtil.matches(password, hash);
    }

    /** Does the work of a check against a hash that matches nothing, for a login naming an unknown user. */
    public void checkAgainstNobody(String password) {
        BcryptUtil.matches(password, unknownUserHash);
    }
}
