package dev.hypervisor.cluster;

import static dev.hypervisor.cluster.Tenants.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.hypervisor.runtime.sql.Sql;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LedgerApiTest {

    @Inject
    Sql sql;

    private Tenants tenants;
    private UUID cluster;

    @BeforeEach
    void aClusterOfFourCpusEightGigabytesAndTwoGpus() {
        tenants = new Tenants();
        cluster = tenants.cluster("4", "8Gi", 2);
    }

    @Test
    void aClaimTakesCapacityAndItsReleaseGivesItBack() {
        UUID consumer = UUID.randomUUID();

        tenants.claim(cluster, consumer, "1500m", "3Gi", 1).statusCode(200)
                .body("consumerId", equalTo(consumer.toString()))
                .body("resources.cpu", equalTo("1500m"));
        tenants.get(cluster).body("allocated.cpu", equalTo("1500m"))
                .body("available.cpu", equalTo("2500m"))
                .body("available.memory", equalTo("5Gi"))
                .body("available.gpu", equalTo(1));

        tenants.release(cluster, consumer).statusCode(204);
        tenants.get(cluster).body("allocated.cpuMillis", equalTo(0)).body("available.gpu", equalTo(2));
    }

    @Test
    void aClaimThatDoesNotFitNamesEachShortResourceAndChangesNothing() {
        tenants.claim(cluster, UUID.randomUUID(), "3", "2Gi", 1).statusCode(200);

        tenants.claim(cluster, UUID.randomUUID(), "2", "1Gi", 2).statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("INSUFFICIENT_CAPACITY"))
                .body("short", hasSize(2))
                .body("short.resource", containsInAnyOrder("cpu", "gpu"))
                .body("short.find { it.resource == 'cpu' }.needed", equalTo("2"))
                .body("short.find { it.resource == 'cpu' }.free", equalTo("1"))
                .body("short.find { it.resource == 'gpu' }.neededAmount", equalTo(2))
                .body("short.find { it.resource == 'gpu' }.freeAmount", equalTo(1));

        tenants.get(cluster).body("allocated.cpu", equalTo("3")).body("allocated.memory", equalTo("2Gi"));
    }

    @Test
    void aClaimReplacesTheConsumersEarlierClaimAndARetryChangesNothing() {
        UUID consumer = UUID.randomUUID();
        tenants.claim(cluster, consumer, "2", "2Gi", 0).statusCode(200);
        tenants.claim(cluster, consumer, "2", "2Gi", 0).statusCode(200);
        tenants.get(cluster).body("allocated.cpu", equalTo("2"));

        tenants.claim(cluster, consumer, "3", "1Gi", 0).statusCode(200);
        tenants.get(cluster).body("allocated.cpu", equalTo("3")).body("allocated.memory", equalTo("1Gi"));
        as(tenants.viewer).get("/api/v1/clusters/" + cluster + "/allocations").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].consumerId", equalTo(consumer.toString()))
                .body("items[0].resources.cpu", equalTo("3"));
    }

    @Test
    void releasingNothingIsFine() {
        tenants.release(cluster, UUID.randomUUID()).statusCode(204);
        tenants.release(UUID.randomUUID(), UUID.randomUUID()).statusCode(404);
    }

    @Test
    void onlyThePlatformsServiceAccountsClaim() {
        as(tenants.owner).body(Map.of("resources", Map.of("cpu", "1", "memory", "1Gi")))
                .put("/api/v1/clusters/" + cluster + "/allocations/" + UUID.randomUUID()).then().statusCode(403);
        as(tenants.owner).delete("/api/v1/clusters/" + cluster + "/allocations/" + UUID.randomUUID()).then()
                .statusCode(403);
        as(tenants.owner).body(Map.of("claims", List.of())).post("/api/v1/allocations").then().statusCode(403);
        io.restassured.RestAssured.given().get("/api/v1/clusters/" + cluster + "/allocations").then().statusCode(401);
    }

    @Test
    void theJournalIsForAdminsAndSaysWhoDidWhat() {
        UUID consumer = UUID.randomUUID();
        tenants.claim(cluster, consumer, "1", "1Gi", 0).statusCode(200);
        tenants.release(cluster, consumer).statusCode(204);

        as(tenants.developer).get("/api/v1/clusters/" + cluster + "/ledger").then().statusCode(403);
        as(tenants.admin).get("/api/v1/clusters/" + cluster + "/ledger").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].kind", equalTo("RELEASE"))
                .body("items[0].consumerId", equalTo(consumer.toString()))
                .body("items[0].actor", equalTo("scheduler"))
                .body("items[0].changes.cpu", equalTo("-1"))
                .body("items[0].changes.memory", equalTo("-1Gi"))
                .body("items[1].kind", equalTo("CLAIM"))
                .body("items[1].amounts.cpu", equalTo(1000));
    }

    @Test
    void aBatchSwapsConsumersOnAFullCluster() {
        UUID running = UUID.randomUUID();
        tenants.claim(cluster, running, "4", "8Gi", 2).statusCode(200);
        UUID urgent = UUID.randomUUID();

        as(tenants.scheduler).body(Map.of(
                        "claims", List.of(Map.of("clusterId", cluster.toString(), "consumerId", urgent.toString(),
                                "resources", Map.of("cpu", "4", "memory", "8Gi", "gpu", 2))),
                        "releases", List.of(Map.of("clusterId", cluster.toString(), "consumerId", running.toString())),
                        "reason", "preemption"))
                .post("/api/v1/allocations").then().statusCode(200);

        as(tenants.viewer).get("/api/v1/clusters/" + cluster + "/allocations").then()
                .body("items.consumerId", containsInAnyOrder(urgent.toString()));
    }

    @Test
    void aBatchWhereOneClaimDoesNotFitChangesNothing() {
        UUID other = tenants.cluster("1", "1Gi", 0);
        long journalBefore = journalRows();

        as(tenants.scheduler).body(Map.of("claims", List.of(
                        Map.of("clusterId", cluster.toString(), "consumerId", UUID.randomUUID().toString(),
                                "resources", Map.of("cpu", "1", "memory", "1Gi")),
                        Map.of("clusterId", other.toString(), "consumerId", UUID.randomUUID().toString(),
                                "resources", Map.of("cpu", "2", "memory", "1Gi")))))
                .post("/api/v1/allocations").then().statusCode(409)
                .body("short[0].providerId", equalTo(other.toString()))
                .body("short[0].resource", equalTo("cpu"));

        tenants.get(cluster).body("allocated.cpuMillis", equalTo(0));
        Assertions.assertThat(journalRows()).isEqualTo(journalBefore);
    }

    @Test
    void aBatchNamesEachConsumerOnce() {
        UUID consumer = UUID.randomUUID();
        as(tenants.scheduler).body(Map.of(
                        "claims", List.of(Map.of("clusterId", cluster.toString(), "consumerId", consumer.toString(),
                                "resources", Map.of("cpu", "1", "memory", "1Gi"))),
                        "releases", List.of(Map.of("clusterId", cluster.toString(), "consumerId", consumer.toString()))))
                .post("/api/v1/allocations").then().statusCode(422).body("errors[0].field", equalTo("consumerId"));
    }

    private long journalRows() {
        return sql.one("SELECT count(*) AS n FROM journal", row -> row.longValue("n")).orElseThrow();
    }
}
