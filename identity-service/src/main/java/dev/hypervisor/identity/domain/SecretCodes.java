package dev.hypervisor.identity.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * The random secrets identity-service hands out and stores only as hashes: invite codes and refresh tokens.
 *
 * <p>Invite codes are meant to be read and typed: 160 random bits in Crockford's base32 (no I, L, O or U), in
 * groups of four, {@code 7KQ2-M9XD-...}; reading one forgives case, dashes, spaces and the letters people
 * confuse with digits. Refresh tokens are only handled by programs: 256 random bits, base64url.
 *
 * <p>Both carry enough randomness that a plain SHA-256 is a safe way to store them: there is nothing to guess.
 */
public final class SecretCodes {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int INVITE_BYTES = 20;
    private static final int REFRESH_TOKEN_BYTES = 32;

    private final SecureRandom random;

    public SecretCodes(SecureRandom random) {
        this.random = random;
    }

    public String newInviteCode() {
        byte[] bytes = new byte[INVITE_BYTES];
        random.nextBytes(bytes);
        String plain = base32(bytes);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < plain.length(); i += 4) {
            grouped.append(i == 0 ? "" : "-").append(plain, i, Math.min(i + 4, plain.length()));
        }
        return grouped.toString();
    }

    public String newRefreshToken() {
        byte[] bytes = new byte[REFRESH_TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The hash an invite code is stored and looked up by; codes that differ only as a person may mistype agree. */
    public static byte[] inviteHash(String code) {
        return sha256(normalizeInvite(code));
    }

    public static byte[] refreshTokenHash(String token) {
        return sha256(token);
    }

    static String normalizeInvite(String code) {
        return code.toUpperCase(Locale.ROOT)
                .replaceAll("[\\s-]", "")
                .replace('O', '0')
                .replace('I', '1')
                .replace('L', '1');
    }

    private static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(CROCKFORD[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(CROCKFORD[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
