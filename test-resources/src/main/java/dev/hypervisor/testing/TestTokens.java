package dev.hypervisor.testing;

import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.common.security.PlatformRole;
import dev.hypervisor.common.security.RsaJwk;
import dev.hypervisor.common.security.TokenClaims;
import io.smallrye.jwt.build.Jwt;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Access tokens shaped like identity-service's, signed with the key {@link TokenIssuerResource} publishes, for
 * tests of the services that only verify tokens. Also the bad ones: expired, signed by another key, tampered.
 */
public final class TestTokens {

    public static final String ISSUER = "urn:hypervisor:identity";

    private final PrivateKey key;
    private final String keyId;

    private TestTokens(PrivateKey key) {
        this.key = key;
        this.keyId = RsaJwk.thumbprint(publicKeyOf(key));
    }

    /** The tokens of the running test's issuer. */
    public static TestTokens current() {
        String encoded = ConfigProvider.getConfig().getValue(TokenIssuerResource.SIGNING_KEY, String.class);
        try {
            return new TestTokens(KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(encoded))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tokens signed by a key nobody publishes. */
    public static TestTokens foreign() {
        return new TestTokens(TokenIssuerResource.newRsaKeys().getPrivate());
    }

    /** A user with these memberships. */
    public String user(UUID userId, Map<UUID, OrgRole> memberships) {
        return sign(userId.toString(), Set.of(PlatformRole.USER), memberships, Instant.now(), Duration.ofMinutes(15));
    }

    /** A platform administrator (who manages the shared cloud catalog), a signed-in user as well. */
    public String platformAdmin(UUID userId) {
        return sign(userId.toString(), Set.of(PlatformRole.USER, PlatformRole.ADMIN), Map.of(), Instant.now(),
                Duration.ofMinutes(15));
    }

    /** A platform service account with one role ({@code service}, {@code agent}). */
    public String service(String clientId, String role) {
        return sign(clientId, Set.of(role), Map.of(), Instant.now(), Duration.ofMinutes(15));
    }

    /** A user's token that expired five minutes ago (well beyond the verifier's clock skew). */
    public String expiredUser(UUID userId, Map<UUID, OrgRole> memberships) {
        return sign(userId.toString(), Set.of(PlatformRole.USER), memberships, Instant.now().minusSeconds(1200),
                Duration.ofMinutes(15));
    }

    /** The token with one character of its signature changed. */
    public static String tampered(String token) {
        int last = token.length() - 2;
        char changed = token.charAt(last) == 'A' ? 'B' : 'A';
        return token.substring(0, last) + changed + token.substring(last + 1);
    }

    private String sign(String subject, Set<String> groups, Map<UUID, OrgRole> memberships, Instant issuedAt,
                        Duration lifetime) {
        Map<String, String> claim = new LinkedHashMap<>();
        memberships.forEach((organization, role) -> claim.put(organization.toString(), role.name()));
        return Jwt.issuer(ISSUER)
                .audience(TokenClaims.AUDIENCE)
                .subject(subject)
                .upn(subject)
                .groups(groups)
                .claim(TokenClaims.MEMBERSHIPS, claim)
                .issuedAt(issuedAt)
                .expiresAt(issuedAt.plus(lifetime))
                .jws().keyId(keyId)
                .sign(key);
    }

    private static RSAPublicKey publicKeyOf(PrivateKey key) {
        RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) key;
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
