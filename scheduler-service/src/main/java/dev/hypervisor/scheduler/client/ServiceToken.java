package dev.hypervisor.scheduler.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The scheduler's own access token (platform role {@code service}), from identity-service's client-credentials
 * grant, kept until a minute before it expires.
 */
@ApplicationScoped
public class ServiceToken {

    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json;
    private final Clock clock;
    private final URI tokenEndpoint;
    private final String clientId;
    private final Optional<String> secret;
    private String token;
    private Instant renewAt = Instant.MIN;

    public ServiceToken(ObjectMapper json, Clock clock,
                        @ConfigProperty(name = "hv.identity-url") String identityUrl,
                        @ConfigProperty(name = "hv.scheduler.client-id", defaultValue = "scheduler") String clientId,
                        @ConfigProperty(name = "hv.scheduler.client-secret") Optional<String> secret) {
        this.json = json;
        this.clock = clock;
        this.tokenEndpoint = URI.create(identityUrl + "/api/v1/auth/token");
        this.clientId = clientId;
        this.secret = secret;
    }

    /** A valid token, fetched again when the one held is about to expire. */
    public synchronized String get() {
        if (token == null || !clock.instant().isBefore(renewAt)) {
            fetch();
        }
        return token;
    }

    /** Forget the token, after a service answered 401 to it. */
    public synchronized void invalidate() {
        token = null;
    }

    private void fetch() {
        String client = secret.orElseThrow(() -> new UpstreamException(
                "no client secret is configured for the scheduler's service account (HV_SCHEDULER_CLIENT_SECRET)"));
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(client);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(tokenEndpoint)
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new UpstreamException("identity-service refused the scheduler's credentials: "
                        + response.statusCode());
            }
            JsonNode answer = json.readTree(response.body());
            token = answer.get("access_token").asText();
            renewAt = clock.instant().plusSeconds(answer.path("expires_in").asLong(300)).minus(RENEW_BEFORE_EXPIRY);
        } catch (IOException e) {
            throw new UpstreamException("identity-service is unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException("interrupted while fetching a token", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
