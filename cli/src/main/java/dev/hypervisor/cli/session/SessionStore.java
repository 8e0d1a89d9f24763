package dev.hypervisor.cli.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypervisor.common.json.JsonRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * The session kept between commands in the user's configuration directory: {@code $HV_CONFIG_DIR}, else
 * {@code $XDG_CONFIG_HOME/hypervisor}, else {@code ~/.config/hypervisor}; {@code session.json}, readable by its
 * owner only (it holds a refresh token).
 */
public final class SessionStore {

    private final Path file;
    private final ObjectMapper json = JsonRules.newMapper();

    public SessionStore(Path directory) {
        this.file = directory.resolve("session.json");
    }

    /** The directory the environment names. */
    public static Path directory(Map<String, String> environment) {
        String explicit = environment.get("HV_CONFIG_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = environment.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("hypervisor");
    }

    public Optional<Session> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), Session.class));
        } catch (IOException unreadable) {
            return Optional.empty(); // as if signed out: hv login writes it anew
        }
    }

    public void save(Session session) {
        try {
            Files.createDirectories(file.getParent());
            Path written = Files.createTempFile(file.getParent(), "session", ".json");
            try {
                Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // a file system without owner permissions: the directory's protection is all there is
            }
            json.writeValue(written.toFile(), session);
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the session in " + file, e);
        }
    }

    public void forget() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + file, e);
        }
    }
}
