package dev.hypervisor.e2e;

import static dev.hypervisor.e2e.Gateway.as;
import static dev.hypervisor.e2e.Gateway.deploymentRequest;
import static dev.hypervisor.e2e.Gateway.eventually;
import static dev.hypervisor.e2e.Gateway.newCluster;
import static dev.hypervisor.e2e.Gateway.newOrganization;
import static dev.hypervisor.e2e.Gateway.runningFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stack runs two scheduler instances, which share the clusters by the intake topic's partitions. Requests
 * reach both, for clusters either one schedules; every deployment must still be placed exactly once, run, end,
 * and leave its cluster's capacity as it found it.
 */
@ExtendWith(SharedStack.class)
class SchedulerScaleOutIT {

    private static final int DEPLOYMENTS_PER_CLUSTER = 24;
    private static final int CLUSTERS_PER_INSTANCE = 2;

    @Test
    void twoInstancesPlaceEveryDeploymentExactlyOnce(StackUnderTest stack) throws Exception {
        List<Set<Integer>> owned = ownershipOnceSettled(stack);
        int partitions = owned.get(0).size() + owned.get(1).size();

        String suffix = UUID.randomUUID().toString().substring(0, 8);
        JsonPath organization = newOrganization(stack, "scale-" + suffix);
        String token = organization.getString("accessToken");
        // Clusters until each instance schedules some of them.
        List<String> clusters = new ArrayList<>();
        int[] perInstance = new int[2];
        for (int created = 0; perInstance[0] < CLUSTERS_PER_INSTANCE || perInstance[1] < CLUSTERS_PER_INSTANCE;
             created++) {
            String cluster = newCluster(stack, token, organization.getString("id"), "c" + created,
                    Map.of("cpu", "4", "memory", "16Gi"));
            int owner = owned.get(0).contains(partitionOf(cluster, partitions)) ? 0 : 1;
            if (perInstance[owner] < CLUSTERS_PER_INSTANCE) {
                perInstance[owner]++;
                clusters.add(cluster);
            }
        }

        // Each cluster takes deployments through both instances, and some are cancelled through the other one.
        Map<String, String> clusterOf = new HashMap<>();
        Set<String> cancelled = new HashSet<>();
        for (int i = 0; i < DEPLOYMENTS_PER_CLUSTER; i++) {
            for (String cluster : clusters) {
                RequestSpecification through = scheduler(stack, i % 2, token);
                String id = through.contentType(ContentType.JSON)
                        .body(runningFor(deploymentRequest(cluster, "job-" + i, "MEDIUM", "1"), "100ms"))
                        .post("/api/v1/deployments").then().statusCode(202).extract().path("id");
                clusterOf.put(id, cluster);
                if (i % 8 == 7) {
                    int status = scheduler(stack, (i + 1) % 2, token).post("/api/v1/deployments/" + id + "/cancel")
                            .then().extract().statusCode();
                    // 409 when the simulated executor finished it first
                    assertThat(status).isIn(200, 409);
                    if (status == 200) {
                        cancelled.add(id);
                    }
                }
            }
        }

        for (String cluster : clusters) {
            JsonPath settled = eventually(() -> as(stack, token).get("/api/v1/deployments?clusterId=" + cluster
                            + "&limit=100"),
                    page -> page.getList("items.status", String.class).stream()
                            .allMatch(status -> status.equals("COMPLETED") || status.equals("CANCELLED")),
                    "every deployment on " + cluster + " to end", Duration.ofSeconds(90));
            assertThat(settled.getList("items")).hasSize(DEPLOYMENTS_PER_CLUSTER);
            eventually(() -> as(stack, token).get("/api/v1/clusters/" + cluster),
                    answer -> "4".equals(answer.getString("available.cpu")),
                    "cluster " + cluster + " to have all its capacity back");
            as(stack, token).get("/api/v1/clusters/" + cluster + "/allocations").then().statusCode(200)
                    .body("items", empty());
        }

        Map<String, Set<UUID>> placements = DeploymentEventsTopic.placementsOf(stack, clusterOf.keySet());
        // A cancelled deployment may have been placed before its cancel arrived, but never twice.
        clusterOf.keySet().forEach(id -> assertThat(placements.getOrDefault(id, Set.of())).as("placements of %s", id)
                .hasSizeBetween(cancelled.contains(id) ? 0 : 1, 1));
        for (String id : clusterOf.keySet()) {
            String status = as(stack, token).get("/api/v1/deployments/" + id).then().statusCode(200).extract()
                    .path("status");
            assertThat(status).as("%s", id).isEqualTo(cancelled.contains(id) ? "CANCELLED" : "COMPLETED");
        }
    }

    /** The intake partitions each instance schedules, once Kafka has given every partition to one of them. */
    private static List<Set<Integer>> ownershipOnceSettled(StackUnderTest stack) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<Set<Integer>> owned = List.of();
        while (System.nanoTime() < deadline) {
            owned = stack.schedulers().stream().map(SchedulerScaleOutIT::ownedPartitions).toList();
            int count = RestAssured.given().baseUri(stack.schedulers().get(0)).get("/q/health/ready").jsonPath()
                    .getInt("checks.find { it.name == 'Scheduling ownership' }.data.partitionCount");
            Set<Integer> all = new HashSet<>(owned.get(0));
            all.addAll(owned.get(1));
            if (!owned.get(0).isEmpty() && !owned.get(1).isEmpty() && all.size() == count
                    && owned.get(0).size() + owned.get(1).size() == count) {
                return owned;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the two schedulers never split the intake partitions between them: " + owned);
    }

    private static Set<Integer> ownedPartitions(String scheduler) {
        String partitions = RestAssured.given().baseUri(scheduler).get("/q/health/ready").jsonPath()
                .getString("checks.find { it.name == 'Scheduling ownership' }.data.intakePartitions");
        Set<Integer> owned = new HashSet<>();
        if (partitions != null && !partitions.isBlank()) {
            for (String partition : partitions.split(",")) {
                owned.add(Integer.parseInt(partition));
            }
        }
        return owned;
    }

    /** Kafka's default partitioner for a record keyed by the cluster id, as producers of the intake topic key it. */
    private static int partitionOf(String clusterId, int partitions) {
        return Utils.toPositive(Utils.murmur2(clusterId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static RequestSpecification scheduler(StackUnderTest stack, int instance, String token) {
        return RestAssured.given().baseUri(stack.schedulers().get(instance)).auth().oauth2(token);
    }
}
