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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retries through the gateway, with the local stack's simulated executor reporting each attempt FAILED: the
 * deployment starts again as its policy allows, then ends with the last attempt's reason, and its timeline says
 * so attempt by attempt.
 */
@ExtendWith(SharedStack.class)
class RetriesIT {

    @Test
    void aReportedFailureIsRetriedAndTheTimelineShowsEveryAttempt(StackUnderTest stack) throws Exception {
        JsonPath organization = newOrganization(stack, "retries-" + UUID.randomUUID().toString().substring(0, 8));
        String token = organization.getString("accessToken");
        String cluster = newCluster(stack, token, organization.getString("id"), "flaky",
                Map.of("cpu", "2", "memory", "8Gi"));
        Map<String, Object> request = deploymentRequest(cluster, "flaky", "LOW", "1");
        request.put("labels", Map.of(RUN_FOR, "500ms", "hypervisor.dev/outcome", "FAILED"));
        request.put("retry", Map.of("maxAttempts", 3, "on", List.of("FAILED")));
        String flaky = submit(stack, token, request);

        JsonPath failed = eventually(() -> as(stack, token).get("/api/v1/deployments/" + flaky),
                answer -> "FAILED".equals(answer.getString("status")), "the last attempt to fail",
                Duration.ofSeconds(60));
        assertThat(failed.getInt("attempts")).isEqualTo(3);
        assertThat(failed.getString("failureReason")).isEqualTo("FAILED");
        JsonPath timeline = eventually(() -> as(stack, token).get("/api/v1/deployments/" + flaky + "/history"),
                answer -> answer.getList("items").size() == 7, "every event of the three attempts");
        assertThat(timeline.getList("items.type", String.class)).containsExactly("DeploymentQueued",
                "DeploymentPlaced", "DeploymentRetried", "DeploymentPlaced", "DeploymentRetried", "DeploymentPlaced",
                "DeploymentFailed");
        assertThat(timeline.getList("items.findAll { it.type == 'DeploymentRetried' }.data.attempt", Integer.class))
                .containsExactly(1, 2);
    }
}
