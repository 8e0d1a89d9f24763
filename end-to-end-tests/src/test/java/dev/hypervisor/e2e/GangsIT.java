package dev.hypervisor.e2e;

import static dev.hypervisor.e2e.Gateway.RUN_FOR;
import static dev.hypervisor.e2e.Gateway.as;
import static dev.hypervisor.e2e.Gateway.deploymentRequest;
import static dev.hypervisor.e2e.Gateway.eventually;
import static dev.hypervisor.e2e.Gateway.newCluster;
import static dev.hypervisor.e2e.Gateway.newOrganization;
import static dev.hypervisor.e2e.Gateway.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A gang through the gateway: four replicas on a cluster with room for three wait whole, holding nothing, and
 * start whole once the deployment in their way is cancelled; the simulated executor runs the gang as one and
 * reports it once.
 */
@ExtendWith(SharedStack.class)
class GangsIT {

    @Test
    void aGangOfFourWithRoomForThreeWaitsWholeAndStartsWholeWhenRoomFrees(StackUnderTest stack) throws Exception {
        JsonPath organization = newOrganization(stack, "gangs-" + UUID.randomUUID().toString().substring(0, 8));
        String token = organization.getString("accessToken");
        String cluster = newCluster(stack, token, organization.getString("id"), "gpu-pool",
                Map.of("cpu", "16", "memory", "64Gi", "gpu", 4));
        Map<String, Object> first = deploymentRequest(cluster, "notebook", "LOW", "1");
        first.put("resources", Map.of("cpu", "1", "memory", "4Gi", "gpu", 1));
        String notebook = submit(stack, token, first);
        Map<String, Object> gang = deploymentRequest(cluster, "trainer", "LOW", "2");
        gang.put("resources", Map.of("cpu", "2", "memory", "8Gi", "gpu", 1));
        gang.put("replicas", 4);
        gang.put("labels", Map.of(RUN_FOR, "1s"));
        String trainer = submit(stack, token, gang);

        JsonPath waiting = eventually(() -> as(stack, token).get("/api/v1/deployments/" + trainer),
                answer -> answer.getString("pending.reason") != null, "the gang's pending reason");
        assertThat(waiting.getString("status")).isEqualTo("PENDING");
        assertThat(waiting.getString("pending.reason")).isEqualTo("INSUFFICIENT_CAPACITY");
        assertThat(waiting.getInt("pending.short.gpu")).isEqualTo(1);
        JsonPath ledger = as(stack, token).get("/api/v1/clusters/" + cluster).then().statusCode(200).extract()
                .jsonPath();
        assertThat(ledger.getInt("allocated.gpu")).as("only the notebook holds GPUs; no replica started alone")
                .isEqualTo(1);

        as(stack, token).post("/api/v1/deployments/" + notebook + "/cancel").then().statusCode(200);

        JsonPath completed = eventually(() -> as(stack, token).get("/api/v1/deployments/" + trainer),
                answer -> "COMPLETED".equals(answer.getString("status")), "the gang to run and complete",
                Duration.ofSeconds(60));
        assertThat(completed.getInt("replicas")).isEqualTo(4);
        assertThat(completed.getString("message")).isEqualTo("4 replicas ran for 1s");
        JsonPath timeline = as(stack, token).get("/api/v1/deployments/" + trainer + "/history").then()
                .statusCode(200).extract().jsonPath();
        assertThat(timeline.getList("items.findAll { it.type == 'DeploymentPlaced' }.data.replicas", Integer.class))
                .containsExactly(4);
    }
}
