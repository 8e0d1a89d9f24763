package dev.hypervisor.scheduler;

import static dev.hypervisor.scheduler.SchedulerApi.deployment;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.scheduler.standin.ClusterServiceStandIn;
import dev.hypervisor.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Placement, queueing, preemption, dependency cascades and reconciliation, through the scheduler's API against a
 * real PostgreSQL and Kafka and a stand-in for cluster-service whose ledger the tests read.
 */
@QuarkusTest
class SchedulingTest {

    private final SchedulerApi api = new SchedulerApi();

    @Test
    void aDeploymentThatFitsRunsWithItsClaimInTheLedger() throws Exception {
        UUID cluster = api.newCluster("4", "8Gi");

        String train = api.submit(deployment(cluster, "train", "MEDIUM", "1500m"));

        api.untilStatus(train, "RUNNING");
        assertThat(SchedulerApi.claimsWhenHeldBy(cluster, train)).containsOnlyKeys(train);
        assertThat(ClusterServiceStandIn.claimsOn(cluster).get(train)).containsEntry("cpu", "1500m");
    }

    @Test
    void oneThatDoesNotFitWaitsSayingWhatIsShortAndStartsWhenCapacityIsFreed() throws Exception {
        UUID cluster = api.newCluster("4", "8Gi");
        String first = api.submit(deployment(cluster, "first", "MEDIUM", "3"));
        api.untilStatus(first, "RUNNING");

        String second = api.submit(deployment(cluster, "second", "MEDIUM", "2"));
        JsonPath waiting = api.until(second, answer -> "INSUFFICIENT_CAPACITY".equals(answer.getString("pending.reason")),
                "a pending reason");
        assertThat(waiting.getString("pending.short.cpu")).isEqualTo("1");

        api.report(first, "COMPLETED");

        api.untilStatus(second, "RUNNING");
        assertThat(SchedulerApi.claimsWhenHeldBy(cluster, second)).containsOnlyKeys(second);
    }

    @Test
    void aHigherPriorityPreemptsALowerOneWhichGoesBackToTheQueue() throws Exception {
        UUID cluster = api.newCluster("4", "8Gi");
        String low = api.submit(deployment(cluster, "low", "LOW", "3"));
        api.untilStatus(low, "RUNNING");

        String high = api.submit(deployment(cluster, "high", "HIGH", "3"));

        api.untilStatus(high, "RUNNING");
        JsonPath preempted = api.untilStatus(low, "PENDING");
        assertThat(preempted.getInt("preemptions")).isEqualTo(1);
        assertThat(SchedulerApi.claimsWhenHeldBy(cluster, high)).containsOnlyKeys(high);
    }

    @Test
    void aFailureFailsEveryDeploymentThatWaitsForItDirectlyOrNot() throws Exception {
        UUID cluster = api.newCluster("4", "8Gi");
        String prepare = api.submit(deployment(cluster, "prepare", "MEDIUM", "1"));
        String train = api.submitDependingOn(deployment(cluster, "train", "MEDIUM", "1"), prepare);
        String evaluate = api.submitDependingOn(deployment(cluster, "evaluate", "MEDIUM", "1"), train);
        api.untilStatus(prepare, "RUNNING");
        assertThat(api.get(evaluate).getString("pending.reason")).isEqualTo("WAITING_FOR_DEPENDENCIES");

        api.report(prepare, "FAILED");

        assertThat(api.untilStatus(train, "FAILED").getString("message")).contains(prepare);
        assertThat(api.untilStatus(evaluate, "FAILED").getString("message")).contains(prepare);
        assertThat(SchedulerApi.claimsWhenHeldBy(cluster)).isEmpty();
    }

    @Test
    void claimsOfDeploymentsThatDoNotRunAreReleasedBeforeAnythingIsPlaced() throws Exception {
        // as after a scheduler stopped between claiming in the ledger and recording the placement
        UUID cluster = api.newCluster("4", "8Gi");
        UUID neverRecorded = UUID.randomUUID();
        ClusterServiceStandIn.plantClaim(cluster, neverRecorded, Map.of("cpu", "3", "memory", "1Gi"));

        String train = api.submit(deployment(cluster, "train", "MEDIUM", "2"));

        api.untilStatus(train, "RUNNING");
        assertThat(SchedulerApi.claimsWhenHeldBy(cluster, train)).containsOnlyKeys(train);
    }

    @Test
    void aRefusedBatchIsTriedAgainOnTheQueueRebuilt() throws Exception {
        UUID cluster = api.newCluster("4", "8Gi");
        ClusterServiceStandIn.refuseNextBatches(1);

        String train = api.submit(deployment(cluster, "train", "MEDIUM", "1"));

        api.untilStatus(train, "RUNNING");
        assertThat(SchedulerApi.claimsWhenHeldBy(cluster, train)).containsOnlyKeys(train);
    }

    @Test
    void aPendingDeploymentIsReadWhileAPassWaitsForTheLedger() throws Exception {
        UUID cluster = api.newCluster("4", "8Gi");
        ClusterServiceStandIn.holdLedgerCalls();
        try {
            String train = api.submit(deployment(cluster, "train", "MEDIUM", "1"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (ClusterServiceStandIn.heldCalls() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(ClusterServiceStandIn.heldCalls()).as("a pass waiting for the ledger").isPositive();

            // Asked on another thread, so that a read that waits for the pass fails the test instead of hanging it.
            CompletableFuture<JsonPath> read = CompletableFuture.supplyAsync(() -> api.get(train));
            JsonPath answer = read.get(60, TimeUnit.SECONDS);

            assertThat(answer.getString("status")).isEqualTo("PENDING");
            assertThat(ClusterServiceStandIn.heldCalls()).as("the pass still waiting when the read answered")
                    .isPositive();
            ClusterServiceStandIn.releaseHeldCalls();
            api.untilStatus(train, "RUNNING");
        } finally {
            ClusterServiceStandIn.releaseHeldCalls();
        }
    }

    @Test
    void theQueueIsPagedWithItsTotal() throws Exception {
        UUID cluster = aFullCluster();
        for (int i = 0; i < 120; i++) {
            api.submit(deployment(cluster, "waiting-" + i, "MEDIUM", "1"));
        }

        JsonPath first = api.request().get("/api/v1/clusters/" + cluster + "/queue?limit=50").then().statusCode(200)
                .extract().jsonPath();
        assertThat(first.getInt("total")).isEqualTo(120);
        assertThat(first.getList("items")).hasSize(50);
        assertThat(first.getInt("items[0].pending.position")).isEqualTo(1);
        assertThat(first.getString("items[0].name")).isEqualTo("waiting-0");
        JsonPath second = api.request().queryParam("limit", 50).queryParam("cursor", first.getString("nextCursor"))
                .get("/api/v1/clusters/" + cluster + "/queue").then().statusCode(200).extract().jsonPath();
        assertThat(second.getInt("items[0].pending.position")).isEqualTo(51);
        assertThat(second.getString("items[0].name")).isEqualTo("waiting-50");
        JsonPath third = api.request().queryParam("limit", 50).queryParam("cursor", second.getString("nextCursor"))
                .get("/api/v1/clusters/" + cluster + "/queue").then().statusCode(200).extract().jsonPath();
        assertThat(third.getList("items")).hasSize(20);
        assertThat(third.getString("items[19].name")).isEqualTo("waiting-119");
        assertThat(third.getString("nextCursor")).isNull();
        given().auth().oauth2(api.token).get("/api/v1/clusters/" + cluster + "/queue?limit=0").then().statusCode(422);
    }

    @Test
    void theQueueIsFilteredByPriorityAndQueueWithTheirTotalAndPositionsInTheWholeQueue() throws Exception {
        UUID cluster = aFullCluster();
        for (int i = 0; i < 6; i++) {
            api.submit(deployment(cluster, "medium-" + i, "MEDIUM", "1"));
            api.submit(deployment(cluster, "low-" + i, "LOW", "1"));
        }

        JsonPath low = api.request().queryParam("priority", "LOW").queryParam("limit", 4)
                .get("/api/v1/clusters/" + cluster + "/queue").then().statusCode(200).extract().jsonPath();
        assertThat(low.getInt("total")).isEqualTo(6);
        assertThat(low.getList("items.name")).containsExactly("low-0", "low-1", "low-2", "low-3");
        assertThat(low.getInt("items[0].pending.position")).as("behind the six MEDIUM ones").isEqualTo(7);
        JsonPath rest = api.request().queryParam("priority", "LOW").queryParam("limit", 4)
                .queryParam("cursor", low.getString("nextCursor"))
                .get("/api/v1/clusters/" + cluster + "/queue").then().statusCode(200).extract().jsonPath();
        assertThat(rest.getList("items.name")).containsExactly("low-4", "low-5");
        assertThat(rest.getString("nextCursor")).isNull();

        String colleague = TestTokens.current().user(UUID.randomUUID(), Map.of(api.organization, OrgRole.DEVELOPER));
        String theirs = given().auth().oauth2(colleague).contentType(ContentType.JSON)
                .body(deployment(cluster, "theirs", "LOW", "1")).post("/api/v1/deployments").then().statusCode(202)
                .extract().path("id");
        String theirId = given().auth().oauth2(colleague).get("/api/v1/deployments/" + theirs).then()
                .statusCode(200).extract().path("userId");
        JsonPath ofTheColleague = api.request().queryParam("userId", theirId)
                .get("/api/v1/clusters/" + cluster + "/queue").then().statusCode(200).extract().jsonPath();
        assertThat(ofTheColleague.getList("items.name")).containsExactly("theirs");
        assertThat(ofTheColleague.getInt("total")).isEqualTo(1);
        assertThat(ofTheColleague.getInt("items[0].pending.position")).as("last of the whole queue").isEqualTo(13);
        api.request().queryParam("userId", "someone").get("/api/v1/clusters/" + cluster + "/queue").then()
                .statusCode(400);

        JsonPath noSuchQueue = api.request().queryParam("queue", "vision")
                .get("/api/v1/clusters/" + cluster + "/queue").then().statusCode(200).extract().jsonPath();
        assertThat(noSuchQueue.getInt("total")).as("a cluster without queues has nothing in one").isZero();
        api.request().queryParam("queue", "Not A Queue").get("/api/v1/clusters/" + cluster + "/queue").then()
                .statusCode(422);
        api.request().queryParam("priority", "URGENT").get("/api/v1/clusters/" + cluster + "/queue").then()
                .statusCode(400); // as every malformed parameter
    }

    /** A cluster of one CPU that a HIGH deployment fills: whatever comes next waits. */
    private UUID aFullCluster() throws InterruptedException {
        UUID cluster = api.newCluster("1", "8Gi");
        api.untilStatus(api.submit(deployment(cluster, "filler", "HIGH", "1")), "RUNNING");
        return cluster;
    }
}
