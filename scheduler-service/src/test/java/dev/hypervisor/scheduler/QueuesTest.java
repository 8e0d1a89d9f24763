package dev.hypervisor.scheduler;

import static dev.hypervisor.scheduler.SchedulerApi.deployment;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.hypervisor.common.event.DeploymentPreempted;
import dev.hypervisor.common.security.OrgRole;
import dev.hypervisor.scheduler.standin.ClusterServiceStandIn;
import dev.hypervisor.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A cluster divided into queues, through the API: defining them, submitting to them, sharing and reclaiming. */
@QuarkusTest
class QueuesTest {

    private final SchedulerApi api = new SchedulerApi();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void adminsDefineQueuesWithinTheClustersCapacityAndMembersReadThem() {
        UUID cluster = api.newCluster("8", "32Gi");
        String developer = TestTokens.current().user(UUID.randomUUID(), Map.of(api.organization, OrgRole.DEVELOPER));

        put(cluster, "vision", Map.of("quota", Map.of("cpu", "4", "memory", "16Gi"), "weight", 2, "default", true))
                .statusCode(201).body("name", equalTo("vision")).body("weight", equalTo(2.0f))
                .body("default", equalTo(true)).body("usage.cpu", equalTo("0"));
        put(cluster, "speech", Map.of("quota", Map.of("cpu", "4", "memory", "16Gi"))).statusCode(201);
        put(cluster, "speech", Map.of("quota", Map.of("cpu", "3", "memory", "16Gi"),
                "borrowingLimit", Map.of("cpu", "1", "memory", "0"))).statusCode(200)
                .body("borrowingLimit.cpu", equalTo("1"));

        put(cluster, "audio", Map.of("quota", Map.of("cpu", "2", "memory", "1Gi"))).statusCode(422)
                .body("code", equalTo("QUOTA_EXCEEDS_CAPACITY")).body("short.cpu", equalTo("1"));
        put(cluster, "Not_A_Name", Map.of("quota", Map.of("cpu", "1", "memory", "1Gi"))).statusCode(422);
        put(cluster, "zero", Map.of("quota", Map.of("cpu", "0", "memory", "0"), "weight", 0)).statusCode(422);
        given().auth().oauth2(developer).contentType("application/json")
                .body(Map.of("quota", Map.of("cpu", "1", "memory", "1Gi")))
                .put("/api/v1/clusters/" + cluster + "/queues/mine").then().statusCode(403);

        JsonPath listed = given().auth().oauth2(developer).get("/api/v1/clusters/" + cluster + "/queues").then()
                .statusCode(200).extract().jsonPath();
        assertThat(listed.getList("items.name")).containsExactly("speech", "vision");
        assertThat(listed.getBoolean("items[0].overcommitted")).isFalse();
    }

    @Test
    void submissionsGoToTheQueueTheyNameOrTheDefaultAndMembersListsAreKept() throws Exception {
        UUID cluster = api.newCluster("8", "32Gi");
        UUID outsider = UUID.randomUUID();
        String outsiderToken = TestTokens.current().user(outsider, Map.of(api.organization, OrgRole.DEVELOPER));
        put(cluster, "vision", Map.of("quota", Map.of("cpu", "4", "memory", "16Gi"))).statusCode(201);
        UUID insider = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        ClusterServiceStandIn.addMember(api.organization, insider);
        put(cluster, "private", Map.of("quota", Map.of("cpu", "4", "memory", "16Gi"),
                "members", List.of(insider, stranger))).statusCode(422)
                .body("errors[0].field", equalTo("members"))
                .body("errors[0].message", containsString(stranger.toString()));
        api.request().get("/api/v1/clusters/" + cluster + "/queues").then().statusCode(200)
                .body("items.name", equalTo(List.of("vision")));
        put(cluster, "private", Map.of("quota", Map.of("cpu", "4", "memory", "16Gi"),
                "members", List.of(insider))).statusCode(201);

        api.request().body(deployment(cluster, "nameless", "LOW", "1")).post("/api/v1/deployments").then()
                .statusCode(422).body("code", equalTo("QUEUE_REQUIRED"));
        api.request().body(withQueue(deployment(cluster, "lost", "LOW", "1"), "nowhere")).post("/api/v1/deployments")
                .then().statusCode(422).body("code", equalTo("UNKNOWN_QUEUE"));
        given().auth().oauth2(outsiderToken).contentType("application/json")
                .body(withQueue(deployment(cluster, "intruder", "LOW", "1"), "private")).post("/api/v1/deployments")
                .then().statusCode(403);

        put(cluster, "vision", Map.of("quota", Map.of("cpu", "4", "memory", "16Gi"), "default", true))
                .statusCode(200);
        String defaulted = api.submit(deployment(cluster, "defaulted", "LOW", "1"));
        assertThat(api.untilStatus(defaulted, "RUNNING").getString("queue")).isEqualTo("vision");
        api.request().get("/api/v1/deployments?queue=vision&clusterId=" + cluster).then().statusCode(200)
                .body("items.id", equalTo(List.of(defaulted)));
        api.request().get("/api/v1/deployments?queue=private&clusterId=" + cluster).then().statusCode(200)
                .body("items.size()", equalTo(0));
    }

    @Test
    void aFloodBorrowsWhatTheOtherTeamLeavesAndGivesItBackWhenAsked() throws Exception {
        UUID cluster = api.newCluster("4", "32Gi");
        put(cluster, "vision", Map.of("quota", Map.of("cpu", "2", "memory", "16Gi"))).statusCode(201);
        put(cluster, "speech", Map.of("quota", Map.of("cpu", "2", "memory", "16Gi"))).statusCode(201);
        List<String> flood = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            flood.add(api.submit(withQueue(deployment(cluster, "flood-" + i, "HIGH", "1"), "vision")));
        }
        for (String id : flood.subList(0, 4)) {
            api.untilStatus(id, "RUNNING"); // 2 of its quota and 2 borrowed from speech
        }
        assertThat(api.get(flood.get(4)).getString("pending.reason")).isEqualTo("QUOTA_EXHAUSTED");

        String asksBack = api.submit(withQueue(deployment(cluster, "speech-1", "LOW", "2"), "speech"));

        api.untilStatus(asksBack, "RUNNING");
        JsonPath queues = api.request().get("/api/v1/clusters/" + cluster + "/queues").then().statusCode(200)
                .extract().jsonPath();
        assertThat(queues.getString("items.find { it.name == 'speech' }.usage.cpu")).isEqualTo("2");
        assertThat(queues.getString("items.find { it.name == 'vision' }.usage.cpu")).isEqualTo("2");
        assertThat(queues.getString("items.find { it.name == 'vision' }.borrowed.cpu")).isEqualTo("0");
        assertThat(queues.getInt("items.find { it.name == 'vision' }.pending")).isEqualTo(4);
        assertThat(reclaimedOn(cluster)).hasSize(2);
        assertThat(metricOnceItReads(4, "hypervisor_scheduler_queue_pending{cluster=\"" + cluster + "\",queue=\"vision\"}"))
                .isEqualTo(4);

        api.request().delete("/api/v1/clusters/" + cluster + "/queues/speech").then().statusCode(409)
                .body("code", equalTo("QUEUE_IN_USE"));
        api.report(asksBack, "COMPLETED");
        api.request().delete("/api/v1/clusters/" + cluster + "/queues/speech").then().statusCode(204);
    }

    /**
     * A figure of {@code /q/metrics}, asked until it reads {@code expected} or 30 s have passed (the sweep
     * sets the gauges every few seconds, so the series may first show the queue as it was before the flood).
     * Returns the last value read, for the caller to assert on.
     */
    private static double metricOnceItReads(double expected, String series) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        double last = Double.NaN;
        while (System.nanoTime() < deadline) {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            for (String line : metrics.lines().toList()) {
                if (line.startsWith(series + " ")) {
                    last = Double.parseDouble(line.substring(series.length() + 1));
                }
            }
            if (last == expected) {
                return last;
            }
            Thread.sleep(200);
        }
        return last;
    }

    private io.restassured.response.ValidatableResponse put(UUID cluster, String name, Map<String, Object> body) {
        return api.request().body(body).put("/api/v1/clusters/" + cluster + "/queues/" + name).then();
    }

    private static Map<String, Object> withQueue(Map<String, Object> deployment, String queue) {
        deployment.put("queue", queue);
        return deployment;
    }

    /** The cluster's preemptions that reclaimed lent capacity, as published, once both are there. */
    private List<DeploymentPreempted> reclaimedOn(UUID cluster) {
        List<DeploymentPreempted> reclaimed = new ArrayList<>();
        PublishedEvents.readUntil(bootstrapServers, Duration.ofSeconds(30), event -> {
            if (event instanceof DeploymentPreempted preempted && cluster.equals(preempted.clusterId())
                    && DeploymentPreempted.RECLAIMED.equals(preempted.reason())) {
                reclaimed.add(preempted);
            }
            return reclaimed.size() == 2;
        });
        return reclaimed;
    }
}
