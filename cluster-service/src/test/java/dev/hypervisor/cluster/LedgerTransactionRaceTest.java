package dev.hypervisor.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypervisor.cluster.domain.ConsumerType;
import dev.hypervisor.cluster.domain.ResourceClass;
import dev.hypervisor.cluster.service.LedgerAudit;
import dev.hypervisor.cluster.service.LedgerOutcome;
import dev.hypervisor.cluster.service.LedgerRequest;
import dev.hypervisor.cluster.service.LedgerTransaction;
import dev.hypervisor.runtime.sql.Sql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Several service instances write the ledger at once, each with its own writer: here, many threads run ledger
 * transactions side by side, bypassing this instance's writer, so only the database's locks keep them apart.
 */
@QuarkusTest
class LedgerTransactionRaceTest {

    @Inject
    LedgerTransaction transaction;

    @Inject
    LedgerAudit audit;

    @Inject
    Sql sql;

    @Test
    void transactionsSideBySideNeverOverbookNorDoubleCountARetry() throws Exception {
        UUID cluster = new Tenants().cluster("10", "10Gi", 0);
        UUID retried = UUID.randomUUID();
        Random random = new Random(7);
        List<List<LedgerRequest>> groups = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            // half of all transactions retry the same claim; the rest race for what is left
            UUID consumer = i % 2 == 0 ? retried : UUID.randomUUID();
            List<LedgerRequest> group = new ArrayList<>();
            group.add(claim(cluster, consumer, 1));
            if (random.nextBoolean()) {
                group.add(claim(cluster, UUID.randomUUID(), 1));
            }
            groups.add(group);
        }

        ExecutorService pool = Executors.newFixedThreadPool(12);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<LedgerOutcome>>> results = new ArrayList<>();
        try {
            for (List<LedgerRequest> group : groups) {
                results.add(pool.submit(() -> {
                    start.await();
                    return transaction.apply(group);
                }));
            }
            start.countDown();
            List<LedgerOutcome> outcomes = new ArrayList<>();
            for (Future<List<LedgerOutcome>> result : results) {
                outcomes.addAll(result.get());
            }

            long claimsHeld = sql.one("SELECT count(*) AS n FROM claims WHERE provider_id = ?",
                    row -> row.longValue("n"), cluster).orElseThrow();
            assertThat(claimsHeld).isEqualTo(10);
            assertThat(outcomes).filteredOn(outcome -> outcome instanceof LedgerOutcome.Refused).isNotEmpty();
            assertThat(audit.run()).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    private static LedgerRequest claim(UUID cluster, UUID consumer, int cores) {
        return new LedgerRequest(List.of(new LedgerRequest.Claim(cluster, consumer, ConsumerType.DEPLOYMENT,
                Map.of(ResourceClass.CPU, cores * 1000L, ResourceClass.MEMORY, cores * (1L << 30)))), List.of(),
                "test", "race");
    }
}
