package dev.hypervisor.common.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A membership (an organization and a user) as identity-service names it in its public list of revoked
 * memberships: the SHA-256 of {@code "<organization id>:<user id>"}, in hex. Services compute it from a token's
 * claims to look the membership up; the list itself says nothing about who was removed from what.
 */
public final class MembershipDigest {

    private MembershipDigest() {
    }

    public static String of(UUID organizationId, String userId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((organizationId + ":" + userId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
