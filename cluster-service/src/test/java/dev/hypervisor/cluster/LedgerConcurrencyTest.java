package dev.hypervisor.cluster;

import static dev.hypervisor.cluster.Tenants.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypervisor.cluster.service.LedgerAudit;
import dev.hypervisor.runtime.sql.Sql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ledger under many concurrent callers on one hot cluster, through the API, with real PostgreSQL. */
@QuarkusTest
class LedgerConcurrencyTest {

    private static final int THREADS = 16;

    @Inject
    Sql sql;

    @Inject
    LedgerAudit audit;

    private Tenants tenants;
    private ExecutorService pool;

    @BeforeEach
    void callers() {
        tenants = new Tenants();
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void ofManyRacingClaimsExactlyThoseThatFitSucceed() throws Exception {
        UUID cluster = tenants.cluster("10", "10Gi", 0);
        List<Callable<Integer>> claims = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            claims.add(() -> tenants.claim(cluster, UUID.randomUUID(), "1", "1Gi", 0).extract().statusCode());
        }

        List<Integer> statuses = runTogether(claims);

        assertThat(statuses).filteredOn(status -> status == 200).hasSize(10);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(50);
        tenants.get(cluster).statusCode(200);
        assertThat(used(cluster, "CPU")).isEqualTo(10_000);
        assertThat(audit.run()).isEmpty();
    }

    @Test
    void theSameClaimRetriedInParallelIsAppliedOnce() throws Exception {
        UUID cluster = tenants.cluster("8", "8Gi", 0);
        UUID consumer = UUID.randomUUID();
        List<Callable<Integer>> retries = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            retries.add(() -> tenants.claim(cluster, consumer, "3", "2Gi", 0).extract().statusCode());
        }

        List<Integer> statuses = runTogether(retries);

        assertThat(statuses).containsOnly(200);
        assertThat(used(cluster, "CPU")).isEqualTo(3_000);
        assertThat(used(cluster, "MEMORY")).isEqualTo(2L << 30);
        assertThat(sql.one("SELECT count(*) AS n FROM journal WHERE consumer_id = ?", row -> row.longValue("n"), consumer)
                .orElseThrow()).as("one CLAIM row, once").isEqualTo(1);
    }

    @Test
    void randomClaimsReleasesAndResizesNeverOverbookAndAlwaysAddUp() throws Exception {
        UUID cluster = tenants.cluster("16", "32Gi", 4);
        List<UUID> consumers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            consumers.add(UUID.randomUUID());
        }
        AtomicInteger generation = new AtomicInteger(1);
        List<Callable<Integer>> operations = new ArrayList<>();
        Random random = new Random(20261122);
        for (int i = 0; i < 480; i++) {
            UUID consumer = consumers.get(random.nextInt(consumers.size()));
            int choice = random.nextInt(10);
            int cpu = 1 + random.nextInt(4);
            int memory = 1 + random.nextInt(6);
            int gpu = random.nextInt(3);
            int size = 12 + random.nextInt(12);
            if (choice < 6) {
                operations.add(() -> tenants.claim(cluster, consumer, cpu + "", memory + "Gi", gpu).extract().statusCode());
            } else if (choice < 9) {
                operations.add(() -> tenants.release(cluster, consumer).extract().statusCode());
            } else {
                operations.add(() -> resize(cluster, generation, size + "", (size * 2) + "Gi", 4));
            }
        }

        List<Integer> statuses = runTogether(operations);

        assertThat(statuses).allMatch(status -> status == 200 || status == 204 || status == 409 || status == 412);
        assertThat(statuses).filteredOn(status -> status == 200).isNotEmpty();
        assertThat(audit.run()).as("used equals the claims and the journal everywhere").isEmpty();
        List<long[]> inventories = sql.list("SELECT total - reserved AS capacity, used FROM inventories WHERE provider_id = ?",
                row -> new long[] {row.longValue("capacity"), row.longValue("used")}, cluster);
        assertThat(inventories).hasSize(3).allSatisfy(row -> assertThat(row[1]).isBetween(0L, row[0]));
    }

    /** A resize decided on the last generation this test saw; a lost race answers 412 or 409 and is fine. */
    private int resize(UUID cluster, AtomicInteger generation, String cpu, String memory, int gpu) {
        var response = as(tenants.admin).header("If-Match", "\"" + generation.get() + "\"")
                .body(Map.of("capacity", Map.of("cpu", cpu, "memory", memory, "gpu", gpu)))
                .patch("/api/v1/clusters/" + cluster).then().extract();
        if (response.statusCode() == 200) {
            generation.accumulateAndGet(response.jsonPath().getInt("generation"), Math::max);
        }
        return response.statusCode();
    }

    private long used(UUID cluster, String resourceClass) {
        return sql.one("SELECT used FROM inventories WHERE provider_id = ? AND resource_class = ?",
                row -> row.longValue("used"), cluster, resourceClass).orElseThrow();
    }

    private List<Integer> runTogether(List<Callable<Integer>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> futures = new ArrayList<>();
        for (Callable<Integer> call : calls) {
            futures.add(pool.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        List<Integer> results = new ArrayList<>();
        for (Future<Integer> future : futures) {
            results.add(future.get());
        }
        return results;
    }
}
