package dev.hypervisor.executor.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hypervisor's public API as the executor uses it, in the test's JVM: the client-credentials grant and
 * {@code GET /api/v1/deployments/{id}} answering what the test said of the deployment
 * ({@code PUT /test/deployments/{id}} with {@code {"status": ..., "attempts": ...}}), 404 for any other. The
 * executor's own behaviour, not the scheduler's, is what its tests are about; the real API meets the executor in
 * the scheduler's tests of the same reports and heartbeats.
 */
public class HypervisorApiStandIn implements QuarkusTestResourceLifecycleManager {

    private static final Pattern DEPLOYMENT = Pattern.compile("/(api/v1|test)/deployments/([0-9a-f-]{36})");

    private final Map<String, String> deployments = new ConcurrentHashMap<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                answer(exchange);
            }
        });
        server.start();
        String url = "http://localhost:" + server.getAddress().getPort();
        return Map.of("hv.api-url", url, "hv.identity-url", url);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/api/v1/auth/token")) {
            send(exchange, 200, "{\"access_token\":\"agent-token\",\"token_type\":\"Bearer\",\"expires_in\":900}");
            return;
        }
        Matcher deployment = DEPLOYMENT.matcher(path);
        if (!deployment.matches()) {
            send(exchange, 404, "{}");
        } else if (deployment.group(1).equals("test")) {
            deployments.put(deployment.group(2),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            send(exchange, 204, null);
        } else if (!"Bearer agent-token".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "{}");
        } else {
            String known = deployments.get(deployment.group(2));
            if (known == null) {
                send(exchange, 404, "{\"status\":404}");
            } else {
                send(exchange, 200, known.replaceFirst("\\{", "{\"id\":\"" + deployment.group(2) + "\","));
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
