package dev.hypervisor.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The local stack's own secrets (the administrator's password, the service accounts' client secrets): taken
 * from the environment when set there, else generated at the first start and kept, readable by the owner only,
 * in {@code .hypervisor/data/secrets}, so that they stay the same across restarts and {@code --fresh} renews them.
 */
final class StackSecrets {

    /** A secret and whether this start made it up (and so should say it once). */
    record Secret(String value, boolean generated) {
    }

    private final Path directory;
    private final Map<String, String> environment;
    private final SecureRandom random = new SecureRandom();

    StackSecrets(Path directory, Map<String, String> environment) {
        this.directory = directory;
        this.environment = environment;
    }

    Secret get(String environmentName, String fileName) {
        Optional<String> configured = Optional.ofNullable(environment.get(environmentName)).filter(v -> !v.isBlank());
        if (configured.isPresent()) {
            return new Secret(configured.get(), false);
        }
        Path file = directory.resolve(fileName);
        try {
            if (Files.exists(file)) {
                return new Secret(Files.readString(file).strip(), false);
            }
            Files.createDirectories(directory);
            byte[] bytes = new byte[18];
            random.nextBytes(bytes);
            String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Files.writeString(file, value + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the data directory's own protection applies
            }
            return new Secret(value, true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create " + file, e);
        }
    }

    Path file(String fileName) {
        return directory.resolve(fileName);
    }
}
