package dev.hypervisor.scheduler;

import static dev.hypervisor.scheduler.SchedulerApi.deployment;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.hypervisor.common.security.PlatformRole;
import dev.hypervisor.scheduler.domain.MissedHeartbeats;
import dev.hypervisor.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Executor leases (the test profile's lease is 3 s): a running deployment that two heartbeats in a row do not list
 * is lost, and so is every running deployment of a cluster whose executor goes silent past its lease; a lost
 * deployment retries when its policy names EXECUTOR_LOST.
 */
@QuarkusTest
class ExecutorLeasesTest {

    private final SchedulerApi api = new SchedulerApi();
    private final String executor = TestTokens.current().service("executor", PlatformRole.AGENT);

    @Test
    void aDeploymentTwoHeartbeatsInARowDoNotListIsLostAndTheListedOneRuns() throws Exception {
        UUID cluster = api.newCluster("4", "8Gi");
        String listed = api.submit(deployment(cluster, "listed", "LOW", "1"));
        String forgotten = api.submit(deployment(cluster, "forgotten", "LOW", "1"));
        api.untilStatus(listed, "RUNNING");
        api.untilStatus(forgotten, "RUNNING");

        ValidatableResponse first = heartbeat(cluster, List.of(listed)).statusCode(202);
        assertThat(Instant.parse(first.extract().path("leaseExpiresAt"))).isAfter(Instant.now());
        Thread.sleep(20); // the second heartbeat must be newer than the first
        heartbeat(cluster, List.of(listed)).statusCode(202);

        JsonPath lost = api.untilStatus(forgotten, "FAILED");
        assertThat(lost.getString("failureReason")).isEqualTo("EXECUTOR_LOST");
        assertThat(api.get(listed).getString("status")).isEqualTo("RUNNING");
        assertThat(SchedulerApi.claimsWhenHeldBy(cluster, listed)).containsOnlyKeys(listed);
    }

    @Test
    void aPlacementNewerThanWhatTheExecutorHasReadIsNotHeldAgainstIt() throws Exception {
        UUID cluster = api.newCluster("4", "8Gi");
        String known = api.submit(deployment(cluster, "known", "LOW", "1"));
        Instant knownStarted = Instant.parse(api.untilStatus(known, "RUNNING").getString("startedAt"));
        untilTheClockPasses(knownStarted.plus(MissedHeartbeats.PLACEMENT_SLACK).plusMillis(500));
        String unseen = api.submit(deployment(cluster, "unseen", "LOW", "1"));
        Instant unseenStarted = Instant.parse(api.untilStatus(unseen, "RUNNING").getString("startedAt"));

        // the executor has read the cluster's events only up to the second placement: it cannot know of it yet
        heartbeat(cluster, List.of(), unseenStarted).statusCode(202);
        Thread.sleep(20); // the second heartbeat must be newer than the first
        heartbeat(cluster, List.of(), unseenStarted).statusCode(202);

        assertThat(api.untilStatus(known, "FAILED").getString("failureReason")).isEqualTo("EXECUTOR_LOST");
        assertThat(api.get(unseen).getString("status")).as("judged by the same heartbeats, not held to them")
                .isEqualTo("RUNNING");

        heartbeat(cluster, List.of(), Instant.now()).statusCode(202);
        Thread.sleep(20);
        heartbeat(cluster, List.of(), Instant.now()).statusCode(202);
        assertThat(api.untilStatus(unseen, "FAILED").getString("failureReason")).isEqualTo("EXECUTOR_LOST");
    }

    @Test
    void aSilentExecutorLosesItsDeploymentsWhichRetryAsTheirPolicySays() throws Exception {
        UUID cluster = api.newCluster("4", "8Gi");
        Map<String, Object> request = deployment(cluster, "resilient", "LOW", "1");
        request.put("retry", Map.of("maxAttempts", 2, "on", List.of("EXECUTOR_LOST")));
        String resilient = api.submit(request);
        String fragile = api.submit(deployment(cluster, "fragile", "LOW", "1"));
        api.untilStatus(resilient, "RUNNING");
        api.untilStatus(fragile, "RUNNING");
        heartbeat(cluster, List.of(resilient, fragile)).statusCode(202);

        JsonPath lost = api.untilStatus(fragile, "FAILED"); // no heartbeat for the 3 s lease
        assertThat(lost.getString("failureReason")).isEqualTo("EXECUTOR_LOST");
        assertThat(lost.getString("message")).contains("no heartbeat");
        JsonPath again = api.until(resilient, answer -> answer.getInt("attempts") == 2, "a second attempt");
        assertThat(again.getString("status")).isIn("PENDING", "RUNNING");
    }

    @Test
    void onlyAnExecutorMayBeatForAClusterThatExistsWithAWellFormedHeartbeat() {
        UUID cluster = api.newCluster("4", "8Gi");
        given().auth().oauth2(api.token).contentType(ContentType.JSON)
                .body(Map.of("executorId", "impostor", "running", List.of()))
                .post("/api/v1/clusters/" + cluster + "/executor/heartbeat").then().statusCode(403);
        heartbeat(UUID.randomUUID(), List.of()).statusCode(404);
        given().auth().oauth2(executor).contentType(ContentType.JSON).body(Map.of("running", List.of()))
                .post("/api/v1/clusters/" + cluster + "/executor/heartbeat").then().statusCode(422);
        given().auth().oauth2(executor).contentType(ContentType.JSON)
                .body(Map.of("executorId", "k8s-a", "running", List.of("not-a-uuid")))
                .post("/api/v1/clusters/" + cluster + "/executor/heartbeat").then().statusCode(422);
        given().auth().oauth2(executor).contentType(ContentType.JSON)
                .body(Map.of("executorId", "k8s-a", "running", List.of(), "seenUntil", "yesterday"))
                .post("/api/v1/clusters/" + cluster + "/executor/heartbeat").then().statusCode(422);
    }

    private ValidatableResponse heartbeat(UUID cluster, List<String> running, Instant seenUntil) {
        return given().auth().oauth2(executor).contentType(ContentType.JSON)
                .body(Map.of("executorId", "k8s-a", "running", running, "seenUntil", seenUntil.toString()))
                .post("/api/v1/clusters/" + cluster + "/executor/heartbeat").then();
    }

    private static void untilTheClockPasses(Instant moment) throws InterruptedException {
        while (Instant.now().isBefore(moment)) {
            Thread.sleep(50);
        }
    }

    private ValidatableResponse heartbeat(UUID cluster, List<String> running) {
        return given().auth().oauth2(executor).contentType(ContentType.JSON)
                .body(Map.of("executorId", "k8s-a", "running", running))
                .post("/api/v1/clusters/" + cluster + "/executor/heartbeat").then();
    }
}
