package dev.hypervisor.e2e;

import static dev.hypervisor.e2e.Gateway.as;
import static dev.hypervisor.e2e.Gateway.deploymentRequest;
import static dev.hypervisor.e2e.Gateway.eventually;
import static dev.hypervisor.e2e.Gateway.executorToken;
import static dev.hypervisor.e2e.Gateway.newCluster;
import static dev.hypervisor.e2e.Gateway.newOrganization;
import static dev.hypervisor.e2e.Gateway.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Executor heartbeats through the gateway (routed to scheduler-service): running deployments that two heartbeats in
 * a row do not list, or of an executor silent for the lease, end EXECUTOR_LOST, or start again when their retry
 * policy names it; the cluster's view (cluster-service) shows who serves it. A user's heartbeat is refused.
 */
@ExtendWith(SharedStack.class)
class ExecutorLeasesIT {

    private static final String NOT_SIMULATED = "hypervisor.dev/executor";

    /** The test plays the executor of two running deployments: one without a retry policy, one retried once. */
    private record Served(String token, String cluster, String fragile, String retried) {
    }

    @Test
    void deploymentsTwoHeartbeatsDoNotListAreLostAndRetryAsTheirPolicySays(StackUnderTest stack) throws Exception {
        Served served = twoRunning(stack, "listed");
        String executor = executorToken(stack);
        as(stack, served.token()).contentType(ContentType.JSON)
                .body(Map.of("executorId", "impostor", "running", List.of()))
                .post("/api/v1/clusters/" + served.cluster() + "/executor/heartbeat").then().statusCode(403);

        JsonPath lease = heartbeat(stack, executor, served.cluster(), List.of());
        assertThat(Instant.parse(lease.getString("leaseExpiresAt"))).isAfter(Instant.now());
        Thread.sleep(20); // a heartbeat is taken only when newer than the last
        heartbeat(stack, executor, served.cluster(), List.of());

        JsonPath lost = lostAndRetried(stack, served, Duration.ofSeconds(20));
        assertThat(lost.getString("message")).contains("two heartbeats");
        JsonPath view = eventually(() -> as(stack, served.token()).get("/api/v1/clusters/" + served.cluster()),
                answer -> "k8s-gpu-a".equals(answer.getString("executor.id")), "the cluster's view to name it");
        assertThat(Instant.parse(view.getString("executor.leaseExpiresAt")))
                .isAfter(Instant.parse(view.getString("executor.lastHeartbeatAt")));
    }

    @Test
    void anExecutorThatFallsSilentLosesItsDeploymentsWhichRetryAsTheirPolicySays(StackUnderTest stack)
            throws Exception {
        Served served = twoRunning(stack, "silent");
        Instant lastHeard = Instant.now();
        heartbeat(stack, executorToken(stack), served.cluster(), List.of(served.fragile(), served.retried()));

        // nothing more from the executor: after the stack's lease (30 s) both are lost
        JsonPath lost = lostAndRetried(stack, served, Duration.ofSeconds(60));
        assertThat(lost.getString("message")).contains("no heartbeat");
        assertThat(Instant.parse(lost.getString("finishedAt"))).isAfter(lastHeard.plusSeconds(30));
    }

    /** A new cluster with two running deployments that the local stack's simulated executor leaves to the test. */
    private static Served twoRunning(StackUnderTest stack, String name) throws InterruptedException {
        JsonPath organization = newOrganization(stack, "leases-" + UUID.randomUUID().toString().substring(0, 8));
        String token = organization.getString("accessToken");
        String cluster = newCluster(stack, token, organization.getString("id"), name,
                Map.of("cpu", "4", "memory", "16Gi"));
        Map<String, Object> ours = deploymentRequest(cluster, "fragile", "LOW", "1");
        ours.put("labels", Map.of(NOT_SIMULATED, "k8s-gpu-a"));
        String fragile = submit(stack, token, ours);
        Map<String, Object> resilient = deploymentRequest(cluster, "resilient", "LOW", "1");
        resilient.put("labels", Map.of(NOT_SIMULATED, "k8s-gpu-a"));
        resilient.put("retry", Map.of("maxAttempts", 2, "on", List.of("EXECUTOR_LOST")));
        String retried = submit(stack, token, resilient);
        for (String id : List.of(fragile, retried)) {
            eventually(() -> as(stack, token).get("/api/v1/deployments/" + id),
                    answer -> "RUNNING".equals(answer.getString("status")), "deployment " + id + " to run");
        }
        return new Served(token, cluster, fragile, retried);
    }

    /** The fragile deployment once lost, after the resilient one started again. */
    private static JsonPath lostAndRetried(StackUnderTest stack, Served served, Duration within)
            throws InterruptedException {
        JsonPath lost = eventually(() -> as(stack, served.token()).get("/api/v1/deployments/" + served.fragile()),
                answer -> "FAILED".equals(answer.getString("status")), "the deployment to be lost", within);
        assertThat(lost.getString("failureReason")).isEqualTo("EXECUTOR_LOST");
        eventually(() -> as(stack, served.token()).get("/api/v1/deployments/" + served.retried()),
                answer -> answer.getInt("attempts") == 2, "the deployment whose policy retries it to start again");
        return lost;
    }

    private static JsonPath heartbeat(StackUnderTest stack, String executor, String cluster, List<String> running) {
        return as(stack, executor).contentType(ContentType.JSON)
                .body(Map.of("executorId", "k8s-gpu-a", "running", running))
                .post("/api/v1/clusters/" + cluster + "/executor/heartbeat").then().statusCode(202).extract()
                .jsonPath();
    }
}
