package dev.hypervisor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A small HTTP client for the public API: JSON in and out, bearer tokens. */
final class Api {

    /** An answer: its status and its body as JSON (null when it has none). */
    record Answer(int status, JsonNode body) {
        Answer expect(int expected) {
            if (status != expected) {
                throw new IllegalStateException("expected " + expected + " but got " + status + ": " + body);
            }
            return this;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    Answer send(String method, String url, String token, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = response.body().length == 0 ? null : JSON.readTree(response.body());
            return new Answer(response.statusCode(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The OAuth 2 client-credentials grant, as the scheduler gets its token. */
    String clientToken(String identity, String clientId, String secret) {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(secret);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(identity + "/api/v1/auth/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("no service token: " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A new user with an organization; answers the owner's token and the organization id. */
    Map<String, String> ownerOfNewOrganization(String identity, String name) {
        String username = "bench-" + Long.toHexString(System.nanoTime());
        String password = "benchmark passphrase";
        send("POST", identity + "/api/v1/auth/register", null,
                Map.of("username", username, "email", username + "@example.com", "password", password)).expect(201);
        String token = send("POST", identity + "/api/v1/auth/login", null,
                Map.of("username", username, "password", password)).expect(200).body().get("accessToken").asText();
        JsonNode organization = send("POST", identity + "/api/v1/organizations", token, Map.of("name", name))
                .expect(201).body();
        return Map.of("token", organization.get("accessToken").asText(), "organization", organization.get("id").asText());
    }

    /** New clusters of the organization, each with this capacity; answers their ids. */
    List<String> newClusters(String clusterService, Map<String, String> owner, int count,
                             Map<String, Object> capacity) {
        List<String> clusters = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clusters.add(send("POST", clusterService + "/api/v1/clusters", owner.get("token"), Map.of(
                            "name", "bench-" + i + "-" + UUID.randomUUID(),
                            "organizationId", owner.get("organization"), "capacity", capacity))
                    .expect(201).body().get("id").asText());
        }
        return clusters;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
