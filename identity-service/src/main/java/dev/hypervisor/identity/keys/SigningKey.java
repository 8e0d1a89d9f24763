package dev.hypervisor.identity.keys;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An RSA key for RS256 tokens, named by its RFC 7638 thumbprint as {@code kid}. A key that only verifies
 * (the previous key during a rotation) has no private half.
 */
public record SigningKey(String keyId, RSAPublicKey publicKey, Optional<PrivateKey> privateKey) {

    public static SigningKey forSigning(PrivateKey privateKey) {
        RSAPublicKey publicKey = (RSAPublicKey) Pem.publicKeyOf(privateKey);
        return new SigningKey(thumbprint(publicKey), publicKey, Optional.of(privateKey));
    }

    public static SigningKey forVerifying(PublicKey publicKey) {
        RSAPublicKey rsa = (RSAPublicKey) publicKey;
        return new SigningKey(thumbprint(rsa), rsa, Optional.empty());
    }

    /** The public key as a JWK, for the JWKS document. */
    public Map<String, String> jwk() {
        Map<String, String> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("kid", keyId);
        jwk.put("n", base64Url(publicKey.getModulus()));
        jwk.put("e", base64Url(publicKey.getPublicExponent()));
        return jwk;
    }

    /** RFC 7638: SHA-256 over the required members in lexicographic order, without white space. */
    private static String thumbprint(RSAPublicKey key) {
        String canonical = "{\"e\":\"" + base64Url(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                + base64Url(key.getModulus()) + "\"}";
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** An unsigned big-endian integer in base64url, as JWK writes them. */
    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
