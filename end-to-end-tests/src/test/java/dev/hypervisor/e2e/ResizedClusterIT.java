package dev.hypervisor.e2e;

import static dev.hypervisor.e2e.Gateway.IMAGE;
import static dev.hypervisor.e2e.Gateway.as;
import static dev.hypervisor.e2e.Gateway.deploymentRequest;
import static dev.hypervisor.e2e.Gateway.eventually;
import static dev.hypervisor.e2e.Gateway.newCluster;
import static dev.hypervisor.e2e.Gateway.newOrganization;
import static dev.hypervisor.e2e.Gateway.pollUntil;
import static dev.hypervisor.e2e.Gateway.submit;
import static dev.hypervisor.e2e.Gateway.untilStatus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.event.DeploymentRequested;
import dev.hypervisor.common.resources.Resources;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A cluster resized under the scheduler: until the ledger refuses a placement there, the scheduler's idea of its
 * capacity is out of date. The refusal must place nothing on it, the placements the same pass decided for other
 * clusters must still happen (a pass carries many clusters in one ledger batch, which is all or nothing), and
 * the deployment is left waiting, short by what the new capacity lacks.
 */
@ExtendWith(SharedStack.class)
class ResizedClusterIT {

    @Test
    void theLedgerRefusingOneClusterPlacesNothingThereAndTheOtherClustersGoOn(StackUnderTest stack)
            throws Exception {
        JsonPath organization = newOrganization(stack, "resizer-" + UUID.randomUUID().toString().substring(0, 8));
        String token = organization.getString("accessToken");
        String organizationId = organization.getString("id");
        String shrunk = newCluster(stack, token, organizationId, "shrunk", Map.of("cpu", "4", "memory", "16Gi"));
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            others.add(newCluster(stack, token, organizationId, "other-" + i, Map.of("cpu", "4", "memory", "16Gi")));
        }
        String running = submit(stack, token, deploymentRequest(shrunk, "first", "MEDIUM", "1"));
        untilStatus(stack, token, running, "RUNNING");
        String etag = as(stack, token).get("/api/v1/clusters/" + shrunk).then().extract().header("ETag");
        as(stack, token).header("If-Match", etag).contentType(ContentType.JSON)
                .body(Map.of("capacity", Map.of("cpu", "2", "memory", "16Gi")))
                .patch("/api/v1/clusters/" + shrunk).then().statusCode(200);

        // All at once through Kafka, so that they reach the scheduler in one poll and are placed in one pass: on
        // the shrunk cluster 2 more CPUs (fits the 4 the scheduler remembers, not the 2 there are), elsewhere 1.
        UUID tooBig = UUID.randomUUID();
        List<UUID> fitting = new ArrayList<>();
        try (RequestedTopic topic = new RequestedTopic(stack)) {
            List<Future<?>> sent = new ArrayList<>();
            sent.add(topic.requestLater(requested(tooBig, shrunk, "2")));
            for (String other : others) {
                UUID deployment = UUID.randomUUID();
                fitting.add(deployment);
                sent.add(topic.requestLater(requested(deployment, other, "1")));
            }
            for (Future<?> delivery : sent) {
                delivery.get();
            }
        }

        for (UUID deployment : fitting) {
            assertThat(answerOnceRequested(stack, token, deployment, "RUNNING").getString("status"))
                    .as("a deployment on another cluster").isEqualTo("RUNNING");
        }
        JsonPath waiting = answerOnceRequested(stack, token, tooBig, "PENDING");
        // a pending reason is that of the cluster as it is now: the queue was rebuilt after the refusal
        waiting = eventually(() -> as(stack, token).get("/api/v1/deployments/" + tooBig),
                answer -> "INSUFFICIENT_CAPACITY".equals(answer.getString("pending.reason"))
                        && answer.getMap("pending.short").containsKey("cpu"),
                "the deployment on the shrunk cluster to wait, short of CPU");
        assertThat(waiting.getString("status")).isEqualTo("PENDING");
        assertThat(waiting.getString("startedAt")).isNull();
        JsonPath claims = as(stack, token).get("/api/v1/clusters/" + shrunk + "/allocations").then().statusCode(200)
                .extract().jsonPath();
        assertThat(claims.getList("items.consumerId")).as("the shrunk cluster's claims").containsExactly(running);
    }

    /** The deployment once the scheduler has taken its request in (404 until then) and it reached the status. */
    private static JsonPath answerOnceRequested(StackUnderTest stack, String token, UUID deployment, String status)
            throws InterruptedException {
        Response answer = pollUntil(() -> as(stack, token).get("/api/v1/deployments/" + deployment),
                found -> found.statusCode() == 200 && status.equals(found.jsonPath().getString("status")),
                Duration.ofSeconds(20));
        assertThat(answer.statusCode()).as("deployment " + deployment).isEqualTo(200);
        return answer.jsonPath();
    }

    private static DeploymentRequested requested(UUID deployment, String cluster, String cpu) {
        return new DeploymentRequested(deployment, UUID.fromString(cluster), "resized",
                IMAGE, Resources.of(cpu, "1Gi", 0), Priority.MEDIUM, List.of(), Map.of(),
                null);
    }
}
