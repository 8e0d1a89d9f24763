package dev.hypervisor.identity.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypervisor.common.security.TokenClaims;
import dev.hypervisor.identity.domain.PasswordPolicy;
import dev.hypervisor.identity.domain.SecretCodes;
import dev.hypervisor.identity.keys.KeyMaterial;
import dev.hypervisor.identity.keys.SecretBox;
import dev.hypervisor.identity.keys.SigningKeys;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Set;

/** The keys, secrets and policies of identity-service, built once from configuration. */
public class Security {

    @Produces
    @Singleton
    SecureRandom secureRandom() {
        return new SecureRandom();
    }

    @Produces
    @Singleton
    SecretCodes secretCodes(SecureRandom random) {
        return new SecretCodes(random);
    }

    @Produces
    @Singleton
    PasswordPolicy passwordPolicy() {
        return PasswordPolicy.withCommonPasswords();
    }

    @Produces
    @Singleton
    KeyMaterial keyMaterial(IdentityConfig config, SecureRandom random) {
        IdentityConfig.Keys keys = config.keys();
        return KeyMaterial.load(new KeyMaterial.Sources(
                keys.signingKey().or(() -> keys.signingKeyFile().map(Security::read)),
                keys.previousSigningKey().or(() -> keys.previousSigningKeyFile().map(Security::read)),
                keys.sealingKey(),
                keys.directory(),
                keys.ephemeral()), random);
    }

    @Produces
    @Singleton
    SigningKeys signingKeys(KeyMaterial keys) {
        return keys.signingKeys();
    }

    @Produces
    @Singleton
    SecretBox secretBox(KeyMaterial keys, SecureRandom random) {
        return new SecretBox(keys.sealingKey(), random);
    }

    /**
     * identity-service checks the tokens it receives against the keys it holds, not against its own JWKS URL:
     * the other services fetch that URL, but a service fetching from itself would depend on its own start-up.
     */
    @Produces
    @Singleton
    @Alternative
    @Priority(1)
    JWTAuthContextInfo tokenVerification(IdentityConfig config, SigningKeys keys, ObjectMapper json)
            throws JsonProcessingException {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicKeyContent(json.writeValueAsString(keys.jwks()));
        info.setIssuedBy(config.issuer());
        info.setExpectedAudience(Set.of(TokenClaims.AUDIENCE));
        info.setGroupsPath(TokenClaims.GROUPS);
        return info;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the key file " + file, e);
        }
    }
}
