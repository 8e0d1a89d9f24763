package dev.hypervisor.scheduler.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hypervisor.common.json.JsonRules;
import dev.hypervisor.common.resources.Resources;
import dev.hypervisor.scheduler.standin.StandInLedger.Claim;
import dev.hypervisor.scheduler.standin.StandInLedger.Cluster;
import dev.hypervisor.scheduler.standin.StandInLedger.Release;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * cluster-service and identity-service's token endpoint as the scheduler uses them, in the test's JVM on a port of
 * its own: clusters ({@code GET /api/v1/clusters/{id}}), the ledger's batches ({@code POST /api/v1/allocations}),
 * a cluster's claims ({@code GET /api/v1/clusters/{id}/allocations}), the service account's token, and the members
 * of organizations ({@code GET /api/v1/organizations/{id}/members}, as the tests made them known). Tests steer
 * it over HTTP under {@code /test/} ({@link ClusterServiceStandIn}): add clusters, read and plant claims, refuse
 * batches, hold ledger calls until released, or answer 503 to everything.
 */
public class FakeClusterService implements QuarkusTestResourceLifecycleManager {

    private static final Pattern CLUSTER = Pattern.compile("/api/v1/clusters/([0-9a-f-]{36})");
    private static final Pattern CLAIMS = Pattern.compile("/api/v1/clusters/([0-9a-f-]{36})/allocations");
    private static final Pattern TEST_CLAIM = Pattern.compile("/test/clusters/([0-9a-f-]{36})/claims/([0-9a-f-]{36})");
    private static final Pattern TEST_CLAIMS = Pattern.compile("/test/clusters/([0-9a-f-]{36})/claims");
    private static final Pattern MEMBERS = Pattern.compile("/api/v1/organizations/([0-9a-f-]{36})/members");
    private static final Pattern TEST_MEMBERS = Pattern.compile("/test/organizations/([0-9a-f-]{36})/members");

    private final ObjectMapper json = JsonRules.newMapper();
    private final StandInLedger ledger = new StandInLedger();
    /** identity-service's members of each organization, as far as the tests made them known. */
    private final Map<UUID, Set<UUID>> members = new ConcurrentHashMap<>();
    private final AtomicInteger refusals = new AtomicInteger();
    private final AtomicInteger heldCalls = new AtomicInteger();
    private volatile CountDownLatch hold;
    private volatile boolean unavailable;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool()); // a held ledger call must not hold up the others
        server.createContext("/", exchange -> {
            try (exchange) {
                answer(exchange);
            } catch (RuntimeException e) {
                send(exchange, 500, Map.of("detail", String.valueOf(e)));
            }
        });
        server.start();
        String url = "http://localhost:" + server.getAddress().getPort();
        return Map.of("hv.cluster-url", url, "hv.identity-url", url, "hv.scheduler.client-secret", "stand-in");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/test/")) {
            steer(exchange, method, path);
            return;
        }
        if (unavailable) {
            send(exchange, 503, Map.of("detail", "unavailable, as the test asked"));
            return;
        }
        Matcher claimsPath = CLAIMS.matcher(path);
        Matcher clusterPath = CLUSTER.matcher(path);
        Matcher membersPath = MEMBERS.matcher(path);
        if (method.equals("POST") && path.equals("/api/v1/auth/token")) {
            send(exchange, 200, Map.of("access_token", "stand-in-token", "token_type", "Bearer", "expires_in", 900));
        } else if (method.equals("GET") && membersPath.matches()) {
            List<Map<String, Object>> items = new ArrayList<>();
            members.getOrDefault(UUID.fromString(membersPath.group(1)), Set.of())
                    .forEach(user -> items.add(Map.of("userId", user, "role", "DEVELOPER")));
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("items", items);
            page.put("nextCursor", null);
            send(exchange, 200, page);
        } else if (method.equals("POST") && path.equals("/api/v1/allocations")) {
            allocate(exchange);
        } else if (method.equals("GET") && claimsPath.matches()) {
            List<Map<String, Object>> items = new ArrayList<>();
            ledger.claimsOn(UUID.fromString(claimsPath.group(1))).forEach((consumer, resources) ->
                    items.add(Map.of("consumerId", consumer, "resources", resources)));
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("items", items);
            page.put("nextCursor", null);
            send(exchange, 200, page);
        } else if (method.equals("GET") && clusterPath.matches()) {
            Cluster cluster = ledger.cluster(UUID.fromString(clusterPath.group(1)));
            if (cluster == null) {
                send(exchange, 404, Map.of("code", "NOT_FOUND"));
            } else {
                send(exchange, 200, Map.of("id", cluster.id(), "organizationId", cluster.organizationId(),
                        "capacity", cluster.capacity(),
                        "preemption", cluster.preemptionAllowed() ? "LOWER_PRIORITY" : "NEVER",
                        "preemptionGracePeriod", cluster.preemptionGracePeriod()));
            }
        } else {
            send(exchange, 404, Map.of("code", "NOT_FOUND"));
        }
    }

    private void allocate(HttpExchange exchange) throws IOException {
        JsonNode batch = json.readTree(exchange.getRequestBody());
        CountDownLatch held = hold;
        if (held != null) {
            heldCalls.incrementAndGet();
            try {
                held.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                heldCalls.decrementAndGet();
            }
        }
        if (refusals.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            send(exchange, 409, Map.of("code", "INSUFFICIENT_CAPACITY", "detail", "refused, as the test asked"));
            return;
        }
        List<Claim> claims = new ArrayList<>();
        for (JsonNode claim : batch.path("claims")) {
            claims.add(new Claim(uuid(claim, "clusterId"), uuid(claim, "consumerId"),
                    json.treeToValue(claim.get("resources"), Resources.class)));
        }
        List<Release> releases = new ArrayList<>();
        for (JsonNode release : batch.path("releases")) {
            releases.add(new Release(uuid(release, "clusterId"), uuid(release, "consumerId")));
        }
        switch (ledger.apply(claims, releases)) {
            case APPLIED -> send(exchange, 200, Map.of("claims", claims.size(), "releases", releases.size()));
            case INSUFFICIENT_CAPACITY -> send(exchange, 409, Map.of("code", "INSUFFICIENT_CAPACITY"));
            case UNKNOWN_CLUSTER -> send(exchange, 404, Map.of("code", "NOT_FOUND"));
        }
    }

    /** The test's controls. */
    private void steer(HttpExchange exchange, String method, String path) throws IOException {
        Matcher claim = TEST_CLAIM.matcher(path);
        Matcher claims = TEST_CLAIMS.matcher(path);
        Matcher organizationMembers = TEST_MEMBERS.matcher(path);
        if (method.equals("POST") && organizationMembers.matches()) {
            members.computeIfAbsent(UUID.fromString(organizationMembers.group(1)), id -> ConcurrentHashMap.newKeySet())
                    .add(uuid(json.readTree(exchange.getRequestBody()), "userId"));
            send(exchange, 200, Map.of());
        } else if (method.equals("POST") && path.equals("/test/clusters")) {
            JsonNode request = json.readTree(exchange.getRequestBody());
            UUID id = UUID.randomUUID();
            ledger.add(new Cluster(id, uuid(request, "organizationId"),
                    json.treeToValue(request.get("capacity"), Resources.class),
                    request.path("preemptionAllowed").asBoolean(true),
                    request.path("preemptionGracePeriod").asText("0s")));
            send(exchange, 200, Map.of("id", id));
        } else if (method.equals("PUT") && claim.matches()) {
            Resources resources = json.treeToValue(json.readTree(exchange.getRequestBody()), Resources.class);
            StandInLedger.Outcome outcome = ledger.apply(List.of(new Claim(UUID.fromString(claim.group(1)),
                    UUID.fromString(claim.group(2)), resources)), List.of());
            send(exchange, outcome == StandInLedger.Outcome.APPLIED ? 200 : 409, Map.of("outcome", outcome));
        } else if (method.equals("GET") && claims.matches()) {
            Map<String, Object> byConsumer = new LinkedHashMap<>();
            ledger.claimsOn(UUID.fromString(claims.group(1))).forEach((consumer, resources) ->
                    byConsumer.put(consumer.toString(), resources));
            send(exchange, 200, byConsumer);
        } else if (method.equals("POST") && path.equals("/test/refusals")) {
            refusals.set(json.readTree(exchange.getRequestBody()).path("batches").asInt());
            send(exchange, 200, Map.of());
        } else if (method.equals("POST") && path.equals("/test/hold")) {
            hold = new CountDownLatch(1);
            send(exchange, 200, Map.of());
        } else if (method.equals("POST") && path.equals("/test/release")) {
            CountDownLatch held = hold;
            hold = null;
            if (held != null) {
                held.countDown();
            }
            send(exchange, 200, Map.of());
        } else if (method.equals("GET") && path.equals("/test/held")) {
            send(exchange, 200, Map.of("calls", heldCalls.get()));
        } else if (method.equals("POST") && path.equals("/test/availability")) {
            unavailable = !json.readTree(exchange.getRequestBody()).path("available").asBoolean();
            send(exchange, 200, Map.of());
        } else {
            send(exchange, 404, Map.of("detail", "no such control: " + method + " " + path));
        }
    }

    private static UUID uuid(JsonNode node, String field) {
        return UUID.fromString(node.get(field).asText());
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
