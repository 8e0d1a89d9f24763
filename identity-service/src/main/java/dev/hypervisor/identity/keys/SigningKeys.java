package dev.hypervisor.identity.keys;

import java.security.PrivateKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The keys in use: the current one signs every new token; the previous one, during a rotation, is still published
 * so that tokens it signed stay valid until they expire.
 */
public record SigningKeys(SigningKey current, Optional<SigningKey> previous) {

    public SigningKeys {
        if (current.privateKey().isEmpty()) {
            throw new IllegalArgumentException("the current key must be able to sign");
        }
    }

    public PrivateKey signingKey() {
        return current.privateKey().orElseThrow();
    }

    /** The JWKS document: every key a token may be verified with, newest first. */
    public Map<String, List<Map<String, String>>> jwks() {
        return Map.of("keys", Stream.concat(Stream.of(current), previous.stream()).map(SigningKey::jwk).toList());
    }
}
