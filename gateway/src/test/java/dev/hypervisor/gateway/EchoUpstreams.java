package dev.hypervisor.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Stand-ins for the three services: each answers any request with what it received (its own name, the method,
 * the path and query, the body and the headers), so a test can see exactly what the gateway forwarded.
 * The scheduler stand-in is not started at all: its port is closed, as when a service is down.
 */
public class EchoUpstreams implements QuarkusTestResourceLifecycleManager {

    private final List<HttpServer> servers = new java.util.ArrayList<>();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("hv.gateway.upstreams.identity.url", "http://localhost:" + echo("identity"));
        config.put("hv.gateway.upstreams.cluster.url", "http://localhost:" + echo("cluster"));
        config.put("hv.gateway.upstreams.scheduler.url", "http://localhost:" + closedPort());
        return config;
    }

    private int echo(String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/", exchange -> answer(name, exchange));
            server.start();
            servers.add(server);
            return server.getAddress().getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void answer(String name, HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String headers = exchange.getRequestHeaders().entrySet().stream()
                .map(header -> quote(header.getKey().toLowerCase()) + ": " + quote(String.join(",", header.getValue())))
                .collect(Collectors.joining(", "));
        String json = "{\"upstream\": " + quote(name)
                + ", \"method\": " + quote(exchange.getRequestMethod())
                + ", \"uri\": " + quote(exchange.getRequestURI().toString())
                + ", \"body\": " + quote(body)
                + ", \"headers\": {" + headers + "}}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("X-Upstream", name);
        int status = exchange.getRequestURI().getPath().endsWith("/created") ? 201 : 200;
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        servers.forEach(server -> server.stop(0));
    }
}
