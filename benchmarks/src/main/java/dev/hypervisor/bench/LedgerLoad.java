package dev.hypervisor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives cluster-service's ledger over HTTP as the scheduler does, with many concurrent clients: each claims
 * for a new consumer and then releases it, on one of many clusters (or one hot cluster), one consumer per request
 * ({@code single}) or a hundred ({@code batch}). Prints claims per second and claim latency percentiles, then
 * checks that the ledger still adds up and that every cluster is empty again.
 */
final class LedgerLoad {

    private static final Duration WARM_UP = Duration.ofSeconds(10);

    private final Api api = new Api();
    private final Settings settings;

    record Settings(String identity, String clusterService, String serviceSecret, String mode, int clients,
                    int clusters, int batchSize, Duration duration) {
    }

    private record Result(long claims, long refused, long errors, Latencies latencies) {
    }

    LedgerLoad(Settings settings) {
        this.settings = settings;
    }

    void run() throws Exception {
        Map<String, String> owner = api.ownerOfNewOrganization(settings.identity(), "ledger benchmark");
        List<String> clusters = api.newClusters(settings.clusterService(), owner, settings.clusters(),
                Map.of("cpu", "1000000", "memory", "1000Ti", "gpu", 0));
        String token = api.clientToken(settings.identity(), "scheduler", settings.serviceSecret());
        Result result;
        try (LoadClient client = new LoadClient(settings.clusterService(), settings.clients(), token)) {
            runFor(WARM_UP, clusters, client);
            result = runFor(settings.duration(), clusters, client);
        }
        double seconds = settings.duration().toMillis() / 1000.0;
        System.out.printf(Locale.ROOT, "ledger %s, %d cluster(s), %d clients, %d s: %,.0f claims/s (and as many"
                        + " releases); claim requests %s; %d refused, %d errors%n",
                settings.mode().equals("batch") ? "batches of " + settings.batchSize() : "single claims",
                settings.clusters(), settings.clients(), settings.duration().toSeconds(), result.claims() / seconds,
                result.latencies().summary(), result.refused(), result.errors());
        System.out.println(audit(clusters, owner.get("token")));
    }

    /** Runs one loop of claim-then-release per client, all on the client's event loop, until the deadline. */
    private Result runFor(Duration duration, List<String> clusters, LoadClient client) throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicLong claims = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Latencies latencies = new Latencies();
        CountDownLatch finished = new CountDownLatch(settings.clients());
        for (int i = 0; i < settings.clients(); i++) {
            loop(deadline, clusters, client, claims, refused, errors, latencies, finished);
        }
        finished.await();
        synchronized (latencies) {
            return new Result(claims.get(), refused.get(), errors.get(), latencies);
        }
    }

    private void loop(long deadline, List<String> clusters, LoadClient client, AtomicLong claims, AtomicLong refused,
                      AtomicLong errors, Latencies latencies, CountDownLatch finished) {
        if (System.nanoTime() >= deadline) {
            finished.countDown();
            return;
        }
        List<Map<String, Object>> claimed = new ArrayList<>();
        List<Map<String, Object>> released = new ArrayList<>();
        int size = settings.mode().equals("batch") ? settings.batchSize() : 1;
        for (int i = 0; i < size; i++) {
            String cluster = clusters.get(ThreadLocalRandom.current().nextInt(clusters.size()));
            String consumer = UUID.randomUUID().toString();
            claimed.add(Map.of("clusterId", cluster, "consumerId", consumer,
                    "resources", Map.of("cpu", "100m", "memory", "64Mi")));
            released.add(Map.of("clusterId", cluster, "consumerId", consumer));
        }
        long started = System.nanoTime();
        Future<Integer> claim = size == 1 ? client.send(HttpMethod.PUT, allocation(claimed.get(0)),
                Map.of("resources", claimed.get(0).get("resources")))
                : client.send(HttpMethod.POST, "/api/v1/allocations", Map.of("claims", claimed));
        claim.compose(status -> {
                    synchronized (latencies) {
                        latencies.record(System.nanoTime() - started);
                    }
                    if (status == 409) {
                        refused.incrementAndGet();
                        return Future.succeededFuture(status);
                    }
                    if (status != 200) {
                        return Future.failedFuture("claim answered " + status);
                    }
                    claims.addAndGet(size);
                    return size == 1 ? client.send(HttpMethod.DELETE, allocation(claimed.get(0)), null)
                            : client.send(HttpMethod.POST, "/api/v1/allocations", Map.of("releases", released));
                })
                .onComplete(done -> {
                    if (done.failed() || done.result() >= 300 && done.result() != 409) {
                        errors.incrementAndGet();
                    }
                    loop(deadline, clusters, client, claims, refused, errors, latencies, finished);
                });
    }

    private static String allocation(Map<String, Object> claim) {
        return "/api/v1/clusters/" + claim.get("clusterId") + "/allocations/" + claim.get("consumerId");
    }

    /** The ledger's own audit, and every cluster back at zero now that every claim was released. */
    private String audit(List<String> clusters, String ownerToken) {
        Api.Answer health = api.send("GET", settings.clusterService() + "/q/health/group/ledger", null, null);
        long leftOver = 0;
        for (String cluster : clusters) {
            JsonNode state = api.send("GET", settings.clusterService() + "/api/v1/clusters/" + cluster, ownerToken, null)
                    .expect(200).body();
            long allocated = state.get("allocated").get("cpuMillis").asLong();
            if (allocated > state.get("capacity").get("cpuMillis").asLong()) {
                return "OVERBOOKED: cluster " + cluster + " " + state;
            }
            leftOver += allocated;
        }
        return "audit: ledger " + (health.status() == 200 ? "adds up" : "DOES NOT ADD UP " + health.body())
                + "; allocated after all releases: " + leftOver + " millicores (expected 0)";
    }
}
