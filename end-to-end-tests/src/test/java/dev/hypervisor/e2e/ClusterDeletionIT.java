package dev.hypervisor.e2e;

import static dev.hypervisor.e2e.Gateway.IMAGE;
import static dev.hypervisor.e2e.Gateway.as;
import static dev.hypervisor.e2e.Gateway.deploymentRequest;
import static dev.hypervisor.e2e.Gateway.eventually;
import static dev.hypervisor.e2e.Gateway.newCluster;
import static dev.hypervisor.e2e.Gateway.newOrganization;
import static dev.hypervisor.e2e.Gateway.pollUntil;
import static dev.hypervisor.e2e.Gateway.untilStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.hypervisor.common.deployment.ReportedStatus;
import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.event.DeploymentRequested;
import dev.hypervisor.common.event.DeploymentStatusReported;
import dev.hypervisor.common.resources.Resources;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A cluster with pending or running deployments cannot be deleted (409), and a deployment never waits on a
 * cluster that no longer exists: one accepted in the moment before cluster-service heard of it fails when the
 * cluster turns out to be gone. A status report on a cluster that does not exist changes nothing and holds up no
 * other event.
 */
@ExtendWith(SharedStack.class)
class ClusterDeletionIT {

    @Test
    void aClusterWithAPendingDeploymentIsKeptUntilTheDeploymentEnds(StackUnderTest stack) throws Exception {
        JsonPath organization = newOrganization(stack, "deleter-" + UUID.randomUUID().toString().substring(0, 8));
        String token = organization.getString("accessToken");
        String cluster = newCluster(stack, token, organization.getString("id"), "doomed",
                Map.of("cpu", "4", "memory", "16Gi"));
        String running = submit(stack, token, cluster, "1");
        untilStatus(stack, token, running, "RUNNING");
        String pending = submit(stack, token, cluster, "4");
        // shrink the cluster under the pending deployment, so that it waits for good once the first one ends
        String etag = as(stack, token).get("/api/v1/clusters/" + cluster).then().extract().header("ETag");
        as(stack, token).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("capacity", Map.of("cpu", "1", "memory", "16Gi")))
                .patch("/api/v1/clusters/" + cluster).then().statusCode(200);
        as(stack, token).post("/api/v1/deployments/" + running + "/cancel").then().statusCode(200);
        eventually(() -> as(stack, token).get("/api/v1/clusters/" + cluster + "/allocations"),
                claims -> claims.getList("items").isEmpty(), "the cancelled deployment's claim to be released");
        as(stack, token).get("/api/v1/deployments/" + pending).then().statusCode(200)
                .body("status", equalTo("PENDING"));

        as(stack, token).delete("/api/v1/clusters/" + cluster).then().statusCode(409)
                .body("detail", containsString("1 pending or running deployment"));

        as(stack, token).post("/api/v1/deployments/" + pending + "/cancel").then().statusCode(200);
        assertThat(deleteWhenAllowed(stack, token, cluster)).as("deleting once nothing is pending").isEqualTo(204);
    }

    @Test
    void aDeploymentRequestedAsItsClusterIsDeletedNeverWaitsForever(StackUnderTest stack) throws Exception {
        JsonPath organization = newOrganization(stack, "racer-" + UUID.randomUUID().toString().substring(0, 8));
        String token = organization.getString("accessToken");
        try (RequestedTopic topic = new RequestedTopic(stack)) {
            for (int round = 0; round < 8; round++) {
                String cluster = newCluster(stack, token, organization.getString("id"), "race-" + round,
                        Map.of("cpu", "4", "memory", "16Gi"));
                // through either door, then at once the deletion: either may come first
                UUID deployment = round % 2 == 0 ? request(topic, cluster)
                        : UUID.fromString(submit(stack, token, cluster, "1"));
                int deleted = as(stack, token).delete("/api/v1/clusters/" + cluster).then().extract().statusCode();

                if (deleted == 409) { // cluster-service knew of the deployment: it must end before the cluster goes
                    untilStatus(stack, token, deployment.toString(), "RUNNING");
                    as(stack, token).post("/api/v1/deployments/" + deployment + "/cancel").then().statusCode(200);
                    assertThat(deleteWhenAllowed(stack, token, cluster)).isEqualTo(204);
                } else {
                    assertThat(deleted).as("deleting the cluster").isEqualTo(204);
                    // refused at intake (the cluster was gone), or accepted just before and failed since
                    Response answer = pollUntil(() -> as(stack, token).get("/api/v1/deployments/" + deployment),
                            found -> found.statusCode() != 200 || "FAILED".equals(found.jsonPath().getString("status")),
                            Duration.ofSeconds(20));
                    if (answer.statusCode() == 200) {
                        assertThat(answer.jsonPath().getString("status")).as("a deployment on a deleted cluster")
                                .isEqualTo("FAILED");
                        assertThat(answer.jsonPath().getString("message")).contains("was deleted");
                    } else {
                        assertThat(answer.statusCode()).as("a request refused at intake leaves no deployment")
                                .isEqualTo(404);
                    }
                }
            }
        }
    }

    @Test
    void aStatusReportOnAClusterThatDoesNotExistHoldsUpNoOtherEvent(StackUnderTest stack) throws Exception {
        JsonPath organization = newOrganization(stack, "reporter-" + UUID.randomUUID().toString().substring(0, 8));
        String token = organization.getString("accessToken");
        String cluster = newCluster(stack, token, organization.getString("id"), "after-a-stray-report",
                Map.of("cpu", "4", "memory", "16Gi"));
        try (RequestedTopic topic = new RequestedTopic(stack)) {
            // an executor reporting on a cluster deleted (or never created) under it, then a request elsewhere
            topic.report(new DeploymentStatusReported(UUID.randomUUID(), UUID.randomUUID(),
                    ReportedStatus.COMPLETED, "finished after its cluster went"));
            UUID deployment = request(topic, cluster);

            Response answer = pollUntil(() -> as(stack, token).get("/api/v1/deployments/" + deployment),
                    found -> found.statusCode() == 200 && "RUNNING".equals(found.jsonPath().getString("status")),
                    Duration.ofSeconds(20));
            assertThat(answer.statusCode()).as("the request after the stray report").isEqualTo(200);
            assertThat(answer.jsonPath().getString("status")).isEqualTo("RUNNING");
        }
    }

    private static UUID request(RequestedTopic topic, String cluster) throws Exception {
        UUID deployment = UUID.randomUUID();
        topic.request(new DeploymentRequested(deployment, UUID.fromString(cluster), "racer",
                IMAGE, Resources.of("1", "1Gi", 0), Priority.MEDIUM, List.of(), Map.of(),
                null));
        return deployment;
    }

    private static String submit(StackUnderTest stack, String token, String cluster, String cpu) {
        return Gateway.submit(stack, token, deploymentRequest(cluster, "job", "MEDIUM", cpu));
    }

    /**
     * Deletes the cluster once cluster-service has heard that its deployments ended (the events take a moment);
     * answers the last status.
     */
    private static int deleteWhenAllowed(StackUnderTest stack, String token, String cluster)
            throws InterruptedException {
        return pollUntil(() -> as(stack, token).delete("/api/v1/clusters/" + cluster).then().extract().statusCode(),
                status -> status != 409, Duration.ofSeconds(20));
    }
}
