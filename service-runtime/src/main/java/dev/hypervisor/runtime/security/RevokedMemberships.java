package dev.hypervisor.runtime.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypervisor.common.security.MembershipDigest;
import dev.hypervisor.runtime.lifecycle.BackgroundWorker;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * identity-service's list of memberships ended or lowered recently ({@code /.well-known/revoked-memberships},
 * beside the JWKS this service verifies tokens with), read every two seconds. A token issued at or before a
 * membership's revocation no longer speaks for that membership, so a removed member loses access within seconds
 * rather than when the token expires. While identity-service cannot answer, the last list read stays in force.
 */
@ApplicationScoped
public class RevokedMemberships {

    private static final Logger LOG = Logger.getLogger(RevokedMemberships.class);
    private static final Duration INTERVAL = Duration.ofSeconds(2);

    private final ObjectMapper json;
    private final Optional<URI> source;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Map<String, Instant> revoked = Map.of();
    private volatile BackgroundWorker worker;

    /** {@code follow}: false where memberships are never taken from tokens (identity-service asks its database). */
    public RevokedMemberships(ObjectMapper json,
                              @ConfigProperty(name = "mp.jwt.verify.publickey.location") String keysLocation,
                              @ConfigProperty(name = "hv.security.follow-revoked-memberships", defaultValue = "true")
                              boolean follow) {
        this.json = json;
        boolean overHttp = keysLocation.startsWith("http://") || keysLocation.startsWith("https://");
        this.source = follow && overHttp
                ? Optional.of(URI.create(keysLocation).resolve("/.well-known/revoked-memberships"))
                : Optional.empty();
    }

    /**
     * True when the user's membership of the organization was revoked at or after the token was issued. A token
     * that says when it was issued only to the second ({@code precision} SECONDS) counts as issued before a
     * revocation in the same second.
     */
    public boolean revoked(UUID organizationId, String userId, Instant tokenIssuedAt, ChronoUnit precision) {
        Instant revokedAt = revoked.get(MembershipDigest.of(organizationId, userId));
        return revokedAt != null && !tokenIssuedAt.isAfter(revokedAt.truncatedTo(precision));
    }

    void start(@Observes StartupEvent started) {
        source.ifPresent(uri -> {
            worker = new BackgroundWorker("revoked-memberships", () -> follow(uri));
            worker.start();
        });
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (worker != null) {
            worker.stop();
        }
    }

    private void follow(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
        while (worker.running()) {
            try {
                HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                if (answer.statusCode() == 200) {
                    revoked = read(json.readTree(answer.body()));
                } else {
                    LOG.debugf("%s answered %d; keeping the last list of revoked memberships", uri,
                            answer.statusCode());
                }
                Thread.sleep(INTERVAL.toMillis());
            } catch (IOException | RuntimeException e) {
                LOG.debugf("could not read %s (%s); keeping the last list of revoked memberships", uri, e);
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Map<String, Instant> read(JsonNode list) {
        Map<String, Instant> revoked = new HashMap<>();
        list.path("revocations").forEach(entry -> revoked.put(entry.path("membership").asText(),
                Instant.parse(entry.path("revokedAt").asText())));
        return Map.copyOf(revoked);
    }

    private static void pause() {
        try {
            Thread.sleep(INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
