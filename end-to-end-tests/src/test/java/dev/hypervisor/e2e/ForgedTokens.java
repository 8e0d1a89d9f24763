package dev.hypervisor.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypervisor.common.security.RsaJwk;
import dev.hypervisor.common.security.TokenClaims;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Access tokens the tests sign themselves, shaped like identity-service's: with the stack's own signing key
 * (to make one that has expired) or with a key nobody publishes. Plain JDK RS256, so that what is tested is the
 * services' verification and nothing of ours signs on both sides.
 */
final class ForgedTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey key;

    private ForgedTokens(PrivateKey key) {
        this.key = key;
    }

    /** Signs with the stack's key, as identity-service keeps it in the data directory. */
    static ForgedTokens withStackKey(Path home) throws Exception {
        String pem = Files.readString(home.resolve("data/keys/signing-key.pem"));
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return new ForgedTokens(KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body))));
    }

    /** Signs with a fresh key that no JWKS publishes. */
    static ForgedTokens withForeignKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return new ForgedTokens(generator.generateKeyPair().getPrivate());
    }

    /** A user's token with these memberships, issued and expiring at the given times. */
    String user(String userId, Map<String, String> memberships, Instant issuedAt, Instant expiresAt) throws Exception {
        return rs256(claims(userId, memberships, issuedAt, expiresAt));
    }

    /** The claims identity-service puts in a user's access token. */
    static Map<String, Object> claims(String userId, Map<String, String> memberships, Instant issuedAt,
                                      Instant expiresAt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "urn:hypervisor:identity");
        claims.put("aud", TokenClaims.AUDIENCE);
        claims.put(TokenClaims.SUBJECT, userId);
        claims.put(TokenClaims.UPN, "forged");
        claims.put(TokenClaims.GROUPS, List.of("user"));
        claims.put(TokenClaims.MEMBERSHIPS, memberships);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        return claims;
    }

    /** These claims, signed RS256 with this key. */
    String rs256(Map<String, Object> claims) throws Exception {
        String signed = encode(Map.of("alg", "RS256", "typ", "JWT", "kid", RsaJwk.thumbprint(publicKey())), claims);
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(key);
        rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + URL.encodeToString(rs256.sign());
    }

    /** These claims with {@code alg: none} and no signature at all. */
    static String unsigned(Map<String, Object> claims) throws Exception {
        return encode(Map.of("alg", "none", "typ", "JWT"), claims) + ".";
    }

    /**
     * These claims signed HS256 with this key's public half as the HMAC secret: the key-confusion attack on a
     * verifier that would take the algorithm from the token.
     */
    String hs256WithPublicKey(Map<String, Object> claims) throws Exception {
        RSAPublicKey publicKey = publicKey();
        String signed = encode(Map.of("alg", "HS256", "typ", "JWT", "kid", RsaJwk.thumbprint(publicKey)), claims);
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(publicKey.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(pem.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        return signed + "." + URL.encodeToString(hmac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String encode(Map<String, Object> header, Map<String, Object> claims) throws Exception {
        return URL.encodeToString(JSON.writeValueAsBytes(header)) + "." + URL.encodeToString(JSON.writeValueAsBytes(claims));
    }

    /** The token with one character of its signature changed. */
    static String tampered(String token) {
        int last = token.length() - 2;
        char changed = token.charAt(last) == 'A' ? 'B' : 'A';
        return token.substring(0, last) + changed + token.substring(last + 1);
    }

    private RSAPublicKey publicKey() throws GeneralSecurityException {
        RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) key;
        return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
    }
}
