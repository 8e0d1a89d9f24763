package dev.hypervisor.identity.keys;

import dev.hypervisor.common.security.RsaJwk;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.Optional;

/**
 * An RSA key for RS256 tokens, named by its RFC 7638 thumbprint as {@code kid}. A key that only verifies
 * (the previous key during a rotation) has no private half.
 */
public record SigningKey(String keyId, RSAPublicKey publicKey, Optional<PrivateKey> privateKey) {

    public static SigningKey forSigning(PrivateKey privateKey) {
        RSAPublicKey publicKey = (RSAPublicKey) Pem.publicKeyOf(privateKey);
        return new SigningKey(RsaJwk.thumbprint(publicKey), publicKey, Optional.of(privateKey));
    }

    public static SigningKey forVerifying(PublicKey publicKey) {
        RSAPublicKey rsa = (RSAPublicKey) publicKey;
        return new SigningKey(RsaJwk.thumbprint(rsa), rsa, Optional.empty());
    }

    /** The public key as a JWK, for the JWKS document. */
    public Map<String, String> jwk() {
        return RsaJwk.of(publicKey, keyId);
    }
}
