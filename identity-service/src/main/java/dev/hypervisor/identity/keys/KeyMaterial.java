package dev.hypervisor.identity.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Where identity-service's keys come from, in order: PEM or base64 values given in configuration; else files in
 * a key directory, generated there on first start and reused after ({@code signing-key.pem},
 * {@code previous-signing-key.pem} when rotating, {@code sealing-key}); else, only where allowed (tests), keys
 * that live as long as the process. A production service with none of these refuses to start.
 *
 * <p>Rotation with a key directory: rename {@code signing-key.pem} to {@code previous-signing-key.pem} and
 * restart; a new key signs from then on, the old one is still published, and once the longest access token has
 * expired the previous file can go.
 */
public final class KeyMaterial {

    static final String SIGNING_KEY_FILE = "signing-key.pem";
    static final String PREVIOUS_KEY_FILE = "previous-signing-key.pem";
    static final String SEALING_KEY_FILE = "sealing-key";
    private static final int RSA_BITS = 2048;
    private static final int AES_BYTES = 32;

    /**
     * @param signingKey   the current private key as PEM, if configured
     * @param previousKey  the previous key as PEM (public or private), if configured
     * @param sealingKey   the sealing key in base64 (32 bytes), if configured
     * @param directory    where to find or generate keys that are not configured
     * @param ephemeral    whether keys that exist nowhere may be made up for this process alone
     */
    public record Sources(Optional<String> signingKey, Optional<String> previousKey, Optional<String> sealingKey,
                          Optional<Path> directory, boolean ephemeral) {
    }

    private final SigningKeys signingKeys;
    private final SecretKey sealingKey;

    private KeyMaterial(SigningKeys signingKeys, SecretKey sealingKey) {
        this.signingKeys = signingKeys;
        this.sealingKey = sealingKey;
    }

    public static KeyMaterial load(Sources sources, SecureRandom random) {
        Optional<String> signingPem = sources.signingKey()
                .or(() -> sources.directory().map(dir -> readOrCreate(dir.resolve(SIGNING_KEY_FILE),
                        () -> Pem.write(newRsaKey(random)))));
        Optional<String> previousPem = sources.previousKey()
                .or(() -> sources.directory().flatMap(dir -> readIfPresent(dir.resolve(PREVIOUS_KEY_FILE))));
        Optional<String> sealingBase64 = sources.sealingKey()
                .or(() -> sources.directory().map(dir -> readOrCreate(dir.resolve(SEALING_KEY_FILE),
                        () -> newAesKey(random))));

        if ((signingPem.isEmpty() || sealingBase64.isEmpty()) && !sources.ephemeral()) {
            throw new IllegalStateException("identity-service has no keys: set HV_KEY_DIRECTORY (keys are generated"
                    + " there once), or HV_SIGNING_KEY_FILE and HV_SEALING_KEY");
        }
        PrivateKey signing = signingPem.map(Pem::readPrivateKey).orElseGet(() -> newRsaKey(random));
        Optional<SigningKey> previous = previousPem.map(pem -> Pem.isPrivateKey(pem)
                ? SigningKey.forVerifying(Pem.publicKeyOf(Pem.readPrivateKey(pem)))
                : SigningKey.forVerifying(Pem.readPublicKey(pem)));
        byte[] aes = sealingBase64.map(text -> Base64.getDecoder().decode(text.trim()))
                .orElseGet(() -> Base64.getDecoder().decode(newAesKey(random)));
        if (aes.length != AES_BYTES) {
            throw new IllegalStateException("the sealing key must be " + AES_BYTES + " bytes in base64");
        }
        return new KeyMaterial(new SigningKeys(SigningKey.forSigning(signing), previous),
                new SecretKeySpec(aes, "AES"));
    }

    public SigningKeys signingKeys() {
        return signingKeys;
    }

    public SecretKey sealingKey() {
        return sealingKey;
    }

    private interface Generator {
        String generate();
    }

    /** Reads the file, or writes a new secret to it first (readable by its owner only). */
    private static String readOrCreate(Path file, Generator generator) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                Path partial = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".new");
                restrictToOwner(partial);
                Files.writeString(partial, generator.generate());
                Files.move(partial, file); // fails if another instance won the race; then its key is read below
            }
            return Files.readString(file);
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            return readIfPresent(file).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create " + file, e);
        }
    }

    private static Optional<String> readIfPresent(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // on file systems without POSIX permissions the directory's own protection applies
        }
    }

    private static PrivateKey newRsaKey(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS, random);
            return generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every Java", e);
        }
    }

    private static String newAesKey(SecureRandom random) {
        byte[] key = new byte[AES_BYTES];
        random.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
