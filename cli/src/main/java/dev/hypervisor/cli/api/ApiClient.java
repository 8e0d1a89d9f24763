package dev.hypervisor.cli.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypervisor.cli.session.Session;
import dev.hypervisor.cli.session.SessionStore;
import dev.hypervisor.common.json.JsonRules;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The public API as {@code hv} calls it: JSON in and out, as the signed-in user. An access token about to expire is
 * refreshed first, and one the API refuses (401) is refreshed once and the request sent again, so a session lasts as
 * long as its refresh token without asking for the password again. Any other refusal is a {@link RefusedException}
 * with the problem's {@code detail}.
 */
public final class ApiClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = JsonRules.newMapper();
    private final SessionStore sessions;
    private final Clock clock;
    private Session session;

    public ApiClient(SessionStore sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Signs in: a new session for this user at this API, kept for the next commands. */
    public Session login(String api, String username, String password) {
        JsonNode tokens = send(api, "POST", "/api/v1/auth/login", null,
                Map.of("username", username, "password", password));
        session = sessionOf(api, username, tokens);
        sessions.save(session);
        return session;
    }

    public JsonNode get(String path) {
        return authorized("GET", path, null);
    }

    public JsonNode post(String path, Object body) {
        return authorized("POST", path, body);
    }

    /** A stream's lines (text/event-stream) as the signed-in user; the caller closes it. */
    public InputStream stream(String path) {
        HttpResponse<InputStream> answer = call(() -> HttpRequest.newBuilder(uri(current().api(), path))
                .header("Accept", "text/event-stream"), HttpResponse.BodyHandlers.ofInputStream());
        if (answer.statusCode() != 200) {
            try (InputStream body = answer.body()) {
                throw refusal(answer.statusCode(), body.readAllBytes());
            } catch (IOException e) {
                throw new RefusedException(answer.statusCode(), "the stream was refused: " + answer.statusCode());
            }
        }
        return answer.body();
    }

    private JsonNode authorized(String method, String path, Object body) {
        HttpResponse<byte[]> answer = call(() -> request(current().api(), method, path, body),
                HttpResponse.BodyHandlers.ofByteArray());
        return read(answer);
    }

    /** Sends with the session's token, refreshing it before when it is about to expire and once after a 401. */
    private <T> HttpResponse<T> call(RequestMaker request, HttpResponse.BodyHandler<T> handler) {
        if (current().expiresBefore(clock.instant())) {
            refresh();
        }
        HttpResponse<T> answer = send(request.make().header("Authorization", "Bearer " + session.accessToken()),
                handler);
        if (answer.statusCode() == 401) {
            refresh();
            answer = send(request.make().header("Authorization", "Bearer " + session.accessToken()), handler);
        }
        return answer;
    }

    private void refresh() {
        Session before = current();
        JsonNode tokens;
        try {
            tokens = send(before.api(), "POST", "/api/v1/auth/refresh", null,
                    Map.of("refreshToken", before.refreshToken()));
        } catch (RefusedException refused) {
            if (refused.status() == 401 || refused.status() == 400) {
                sessions.forget();
                throw new RefusedException(refused.status(), "the session has ended; sign in again with hv login");
            }
            throw refused;
        }
        session = sessionOf(before.api(), before.username(), tokens);
        sessions.save(session);
    }

    private Session current() {
        if (session == null) {
            session = sessions.load().orElseThrow(() -> new RefusedException(401,
                    "not signed in; run hv login first"));
        }
        return session;
    }

    private Session sessionOf(String api, String username, JsonNode tokens) {
        return new Session(api, username, tokens.path("accessToken").asText(), tokens.path("refreshToken").asText(),
                clock.instant().plusSeconds(tokens.path("expiresIn").asLong(300)));
    }

    private JsonNode send(String api, String method, String path, String token, Object body) {
        HttpRequest.Builder request = request(api, method, path, body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return read(send(request, HttpResponse.BodyHandlers.ofByteArray()));
    }

    private HttpRequest.Builder request(String api, String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(api, path)).timeout(TIMEOUT)
                .header("Accept", "application/json");
        if (body == null) {
            return request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the request: " + e.getMessage(), e);
        }
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        HttpRequest built = request.build();
        try {
            return http.send(built, handler);
        } catch (ConnectException unreachable) {
            throw new RefusedException(0, "cannot reach the API at " + built.uri().resolve("/")
                    + " (is it running? ./hypervisor up)");
        } catch (IOException e) {
            throw new RefusedException(0, "the API did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RefusedException(0, "interrupted");
        }
    }

    private JsonNode read(HttpResponse<byte[]> answer) {
        if (answer.statusCode() >= 400) {
            throw refusal(answer.statusCode(), answer.body());
        }
        try {
            return answer.body().length == 0 ? json.createObjectNode() : json.readTree(answer.body());
        } catch (IOException e) {
            throw new RefusedException(answer.statusCode(), "the API answered something that is not JSON");
        }
    }

    private RefusedException refusal(int status, byte[] body) {
        Optional<JsonNode> problem;
        try {
            problem = Optional.ofNullable(json.readTree(body));
        } catch (IOException notJson) {
            problem = Optional.empty();
        }
        String detail = problem.map(node -> node.path("detail").asText(node.path("title").asText(""))).orElse("");
        return new RefusedException(status, detail.isBlank() ? "the API answered " + status : detail);
    }

    private static URI uri(String api, String path) {
        return URI.create(api.replaceAll("/+$", "") + path);
    }

    /** A request made anew for each try (a builder is not reusable once built with another token). */
    private interface RequestMaker {
        HttpRequest.Builder make();
    }
}
