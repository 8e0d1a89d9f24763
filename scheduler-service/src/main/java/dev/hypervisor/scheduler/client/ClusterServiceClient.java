package dev.hypervisor.scheduler.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypervisor.common.resources.Resources;
import dev.hypervisor.runtime.retry.Backoff;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * cluster-service as the scheduler uses it, with the scheduler's service token: reading clusters, and claiming
 * and releasing capacity in the ledger with the deployment id as the consumer id (so every call is idempotent).
 *
 * <p>A circuit breaker: once a call could not reach cluster-service (refused, cut, or no answer within the
 * timeout), calls fail at once for a while (1 s, doubling to 5 s while it stays away) instead of each waiting
 * for the timeout again; then one call tries. A hanging cluster-service so costs a caller one timeout, not one
 * per call, and the scheduler goes on accepting deployments meanwhile; once it answers again, the scheduler
 * notices within 5 s at most.
 */
@ApplicationScoped
public class ClusterServiceClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String CLUSTER_SERVICE = "cluster-service";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json;
    private final ServiceToken token;
    private final String baseUrl;
    private final Backoff<String> outage = new Backoff<>(Duration.ofSeconds(1), Duration.ofSeconds(5));
    private final Clock clock;

    public ClusterServiceClient(ObjectMapper json, ServiceToken token, Clock clock,
                                @ConfigProperty(name = "hv.cluster-url") String baseUrl) {
        this.json = json;
        this.token = token;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    /** The cluster, or empty when cluster-service knows no such cluster. */
    public Optional<ClusterInfo> cluster(UUID id) {
        HttpResponse<byte[]> response = send("GET", "/api/v1/clusters/" + id, null);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        JsonNode cluster = expect(response, 200);
        try {
            return Optional.of(new ClusterInfo(id, UUID.fromString(cluster.get("organizationId").asText()),
                    json.treeToValue(cluster.get("capacity"), Resources.class),
                    !"NEVER".equals(cluster.path("preemption").asText())));
        } catch (IOException e) {
            throw new UpstreamException("cluster-service answered a cluster the scheduler cannot read", e);
        }
    }

    /** Claims for the deployments and releases the others, all or nothing. */
    public LedgerAnswer allocate(UUID clusterId, Map<UUID, Resources> claims, List<UUID> releases) {
        return allocate(List.of(new LedgerChange(clusterId, claims, releases)));
    }

    /** The changes of several clusters in one ledger batch: all of them or nothing. */
    public LedgerAnswer allocate(List<LedgerChange> changes) {
        List<Map<String, Object>> claimed = new ArrayList<>();
        List<Map<String, Object>> released = new ArrayList<>();
        for (LedgerChange change : changes) {
            change.claims().forEach((deployment, resources) -> {
                Map<String, Object> claim = new LinkedHashMap<>();
                claim.put("clusterId", change.clusterId());
                claim.put("consumerId", deployment);
                claim.put("resources", resources);
                claim.put("consumerType", "DEPLOYMENT");
                claimed.add(claim);
            });
            change.releases().forEach(deployment -> released.add(
                    Map.of("clusterId", change.clusterId(), "consumerId", deployment)));
        }
        HttpResponse<byte[]> response = send("POST", "/api/v1/allocations",
                Map.of("claims", claimed, "releases", released));
        return switch (response.statusCode()) {
            case 200 -> LedgerAnswer.APPLIED;
            case 409 -> LedgerAnswer.INSUFFICIENT_CAPACITY;
            case 404 -> LedgerAnswer.UNKNOWN_CLUSTER;
            default -> throw unexpected(response);
        };
    }

    /** The consumers holding claims on the cluster, to reconcile them with the deployments that run. */
    public List<UUID> claimHolders(UUID clusterId) {
        List<UUID> holders = new ArrayList<>();
        String cursor = null;
        do {
            String query = "?limit=500" + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = expect(send("GET", "/api/v1/clusters/" + clusterId + "/allocations" + query, null), 200);
            page.path("items").forEach(claim -> holders.add(UUID.fromString(claim.get("consumerId").asText())));
            cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return holders;
    }

    private HttpResponse<byte[]> send(String method, String path, Object body) {
        HttpResponse<byte[]> response = sendOnce(method, path, body);
        if (response.statusCode() == 401) {
            token.invalidate();
            response = sendOnce(method, path, body);
        }
        return response;
    }

    private HttpResponse<byte[]> sendOnce(String method, String path, Object body) {
        Optional<Instant> retryAt = outage.retryAt(CLUSTER_SERVICE).filter(clock.instant()::isBefore);
        if (retryAt.isPresent()) {
            throw new UpstreamException("cluster-service did not answer lately; not asking again before "
                    + retryAt.get());
        }
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + token.get());
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            outage.succeeded(CLUSTER_SERVICE);
            return response;
        } catch (IOException e) {
            outage.failed(CLUSTER_SERVICE, clock.instant());
            throw new UpstreamException("cluster-service is unreachable (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException("interrupted while calling cluster-service", e);
        }
    }

    private JsonNode expect(HttpResponse<byte[]> response, int status) {
        if (response.statusCode() != status) {
            throw unexpected(response);
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UpstreamException("cluster-service answered something that is not JSON", e);
        }
    }

    private static UpstreamException unexpected(HttpResponse<byte[]> response) {
        return new UpstreamException("cluster-service answered " + response.statusCode() + " to "
                + response.request().method() + " " + response.request().uri().getPath() + ": "
                + new String(response.body(), StandardCharsets.UTF_8));
    }
}
