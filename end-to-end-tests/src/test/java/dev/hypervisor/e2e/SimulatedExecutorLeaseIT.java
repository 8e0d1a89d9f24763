package dev.hypervisor.e2e;

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
 * The local stack's simulated executor heartbeats for the clusters it runs deployments on: the cluster's view names
 * it, and what it runs keeps running, heartbeat after heartbeat.
 */
@ExtendWith(SharedStack.class)
class SimulatedExecutorLeaseIT {

    @Test
    void theSimulatedExecutorHoldsTheLeaseOfTheClustersItRunsOn(StackUnderTest stack) throws Exception {
        JsonPath organization = newOrganization(stack, "beats-" + UUID.randomUUID().toString().substring(0, 8));
        String token = organization.getString("accessToken");
        String cluster = newCluster(stack, token, organization.getString("id"), "simulated",
                Map.of("cpu", "2", "memory", "8Gi"));
        String longRunning = submit(stack, token, deploymentRequest(cluster, "long-running", "LOW", "1"));

        JsonPath view = eventually(() -> as(stack, token).get("/api/v1/clusters/" + cluster),
                answer -> "simulated-executor".equals(answer.getString("executor.id")),
                "the simulated executor's heartbeat", Duration.ofSeconds(30));
        assertThat(view.getString("executor.leaseExpiresAt")).isNotNull();
        JsonPath later = nextHeartbeat(stack, token, cluster, view);
        assertThat(later.getString("executor.id")).isEqualTo("simulated-executor");
        JsonPath third = nextHeartbeat(stack, token, cluster, later);
        assertThat(third.getString("executor.id")).isEqualTo("simulated-executor");
        assertThat(as(stack, token).get("/api/v1/deployments/" + longRunning).then().statusCode(200).extract()
                .jsonPath().getString("status")).as("listed in every heartbeat, it runs on").isEqualTo("RUNNING");
    }

    /** The cluster's view once it shows a heartbeat newer than {@code seen}'s. */
    private static JsonPath nextHeartbeat(StackUnderTest stack, String token, String cluster, JsonPath seen)
            throws InterruptedException {
        String before = seen.getString("executor.lastHeartbeatAt");
        return eventually(() -> as(stack, token).get("/api/v1/clusters/" + cluster),
                answer -> !before.equals(answer.getString("executor.lastHeartbeatAt")), "another heartbeat",
                Duration.ofSeconds(30));
    }
}
