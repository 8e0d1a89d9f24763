package dev.hypervisor.e2e;

import static dev.hypervisor.e2e.Gateway.IMAGE;
import static dev.hypervisor.e2e.Gateway.as;
import static dev.hypervisor.e2e.Gateway.deploymentRequest;
import static dev.hypervisor.e2e.Gateway.eventually;
import static dev.hypervisor.e2e.Gateway.newCluster;
import static dev.hypervisor.e2e.Gateway.newOrganization;
import static dev.hypervisor.e2e.Gateway.submit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.event.DeploymentRequested;
import dev.hypervisor.common.resources.Resources;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Preemption on a cluster packed with many small deployments: a preemption's victims are released in the same
 * ledger batch as its preemptor's claim, and a batch releases at most 1,000. A deployment that could only be made
 * room for by preempting more waits, short of what it lacks, and must not stop the cluster: the next in line that
 * needs fewer victims still preempts and runs.
 */
@ExtendWith(SharedStack.class)
class ManyVictimsIT {

    private static final int SMALL = 1_100;

    @Test
    void aPreemptionOfMoreThanOneBatchOfVictimsWaitsAndTheNextInLineStillPreempts(StackUnderTest stack)
            throws Exception {
        JsonPath organization = newOrganization(stack, "packer-" + UUID.randomUUID().toString().substring(0, 8));
        String token = organization.getString("accessToken");
        String cluster = newCluster(stack, token, organization.getString("id"), "packed",
                Map.of("cpu", SMALL + "m", "memory", "64Gi"));
        try (RequestedTopic topic = new RequestedTopic(stack)) {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < SMALL; i++) {
                sent.add(topic.requestLater(new DeploymentRequested(UUID.randomUUID(), UUID.fromString(cluster),
                        "small-" + i, IMAGE, Resources.of("1m", "1Mi", 0),
                        Priority.LOW, List.of(), Map.of(), null)));
            }
            for (Future<?> delivery : sent) {
                delivery.get();
            }
        }
        eventually(() -> as(stack, token).get("/api/v1/clusters/" + cluster),
                answer -> "0".equals(answer.getString("available.cpu")), "the small deployments to fill the cluster",
                Duration.ofSeconds(60));

        String needsTooMany = submit(stack, token,
                deploymentRequest(cluster, "needs-1050-victims", "HIGH", "1050m", "1Mi"));
        String needsFewer = submit(stack, token, deploymentRequest(cluster, "needs-600-victims", "HIGH", "600m", "1Mi"));

        JsonPath placed = eventually(() -> as(stack, token).get("/api/v1/deployments/" + needsFewer),
                answer -> "RUNNING".equals(answer.getString("status")), "the deployment needing 600 victims to run",
                Duration.ofSeconds(60));
        assertThat(placed.getString("startedAt")).isNotNull();
        JsonPath waiting = as(stack, token).get("/api/v1/deployments/" + needsTooMany).then().statusCode(200)
                .extract().jsonPath();
        assertThat(waiting.getString("status")).isEqualTo("PENDING");
        assertThat(waiting.getString("pending.reason")).isEqualTo("INSUFFICIENT_CAPACITY");
        assertThat(waiting.getMap("pending.short")).containsKey("cpu");
        JsonPath clusterNow = as(stack, token).get("/api/v1/clusters/" + cluster).then().statusCode(200).extract()
                .jsonPath();
        assertThat(clusterNow.getString("allocated.cpu")).as("600 victims gave way, no more")
                .isEqualTo(SMALL + "m");
        JsonPath queue = as(stack, token).get("/api/v1/clusters/" + cluster + "/queue?limit=500").then()
                .statusCode(200).extract().jsonPath();
        assertThat(queue.getInt("total")).as("the queue: the waiting HIGH deployment, then the 600 victims")
                .isEqualTo(601);
        assertThat(queue.getList("items.id")).first().isEqualTo(needsTooMany);
    }
}
