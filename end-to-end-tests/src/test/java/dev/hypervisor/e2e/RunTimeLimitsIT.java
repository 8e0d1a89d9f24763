package dev.hypervisor.e2e;

import static dev.hypervisor.e2e.Gateway.as;
import static dev.hypervisor.e2e.Gateway.deploymentRequest;
import static dev.hypervisor.e2e.Gateway.eventually;
import static dev.hypervisor.e2e.Gateway.newCluster;
import static dev.hypervisor.e2e.Gateway.newOrganization;
import static dev.hypervisor.e2e.Gateway.runningFor;
import static dev.hypervisor.e2e.Gateway.submit;
import static dev.hypervisor.e2e.Gateway.untilStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Run-time limits through the gateway: what waits for a limited deployment says when it will start at the latest;
 * and across a crash, deadlines live in the database, so a deployment whose limit runs out while every scheduler
 * instance is down (killed with {@code SIGKILL}) still ends {@code TIMED_OUT} once they are back, and what waited
 * for its capacity starts.
 */
@ExtendWith(SharedStack.class)
class RunTimeLimitsIT {

    private static final Duration RESTART_TIMEOUT = Duration.ofMinutes(3);

    @Test
    void whatWaitsForALimitedDeploymentSaysWhenItWillStartAtTheLatest(StackUnderTest stack) throws Exception {
        JsonPath organization = newOrganization(stack, "estimate-" + UUID.randomUUID().toString().substring(0, 8));
        String token = organization.getString("accessToken");
        String cluster = newCluster(stack, token, organization.getString("id"), "estimated",
                Map.of("cpu", "2", "memory", "8Gi"));
        Map<String, Object> limitedRequest = deploymentRequest(cluster, "limited", "LOW", "2");
        limitedRequest.put("maxRunDuration", "2h");
        String limited = submit(stack, token, limitedRequest);
        Instant deadline = Instant.parse(untilStatus(stack, token, limited, "RUNNING").getString("deadline"));
        String waiting = submit(stack, token, deploymentRequest(cluster, "waiting", "LOW", "1"));

        JsonPath queue = eventually(() -> as(stack, token).get("/api/v1/clusters/" + cluster + "/queue"),
                answer -> answer.getList("items.id").contains(waiting), "the waiting deployment in the queue");
        assertThat(queue.getList("items.id")).containsExactly(waiting);
        Instant estimate = Instant.parse(queue.getString("items[0].pending.estimatedStartAt"));
        assertThat(estimate).as("the limited deployment's deadline, to the second")
                .isAfterOrEqualTo(deadline).isBefore(deadline.plusSeconds(1));
        assertThat(as(stack, token).get("/api/v1/deployments/" + waiting).then().statusCode(200).extract()
                .jsonPath().getString("pending.estimatedStartAt")).isEqualTo(estimate.toString());
    }

    @Test
    void aDeadlineThatFallsWhileTheSchedulersAreDownIsMetWhenTheyAreBack(StackUnderTest stack) throws Exception {
        JsonPath organization = newOrganization(stack, "limits-" + UUID.randomUUID().toString().substring(0, 8));
        String token = organization.getString("accessToken");
        String cluster = newCluster(stack, token, organization.getString("id"), "limited",
                Map.of("cpu", "2", "memory", "8Gi"));
        Map<String, Object> hangs = deploymentRequest(cluster, "hangs", "LOW", "2");
        hangs.put("maxRunDuration", "4s");
        String limited = submit(stack, token, hangs);
        String waiting = submit(stack, token, runningFor(deploymentRequest(cluster, "next", "LOW", "2"), "1s"));
        Instant deadline = Instant.parse(untilStatus(stack, token, limited, "RUNNING").getString("deadline"));

        stack.kill("scheduler-service");
        stack.kill("scheduler-service-2");
        for (String scheduler : stack.schedulers()) {
            StackUnderTest.awaitReady(scheduler, RESTART_TIMEOUT);
        }

        JsonPath timedOut = eventually(() -> as(stack, token).get("/api/v1/deployments/" + limited),
                answer -> "FAILED".equals(answer.getString("status")), "the deployment past its limit to end",
                Duration.ofSeconds(60));
        assertThat(timedOut.getString("failureReason")).isEqualTo("TIMED_OUT");
        assertThat(Instant.parse(timedOut.getString("finishedAt"))).isAfterOrEqualTo(deadline);
        JsonPath next = eventually(() -> as(stack, token).get("/api/v1/deployments/" + waiting),
                answer -> Set.of("RUNNING", "COMPLETED").contains(answer.getString("status")),
                "the waiting deployment to start on the freed capacity", Duration.ofSeconds(60));
        assertThat(next.getString("startedAt")).isNotNull();
    }
}
