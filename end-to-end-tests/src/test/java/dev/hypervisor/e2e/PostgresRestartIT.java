package dev.hypervisor.e2e;

import static dev.hypervisor.e2e.Gateway.as;
import static dev.hypervisor.e2e.Gateway.deploymentRequest;
import static dev.hypervisor.e2e.Gateway.eventually;
import static dev.hypervisor.e2e.Gateway.login;
import static dev.hypervisor.e2e.Gateway.newCluster;
import static dev.hypervisor.e2e.Gateway.newOrganization;
import static dev.hypervisor.e2e.Gateway.pollUntil;
import static dev.hypervisor.e2e.Gateway.runningFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PostgreSQL restarts (a fast shutdown: every connection is cut; the stack starts it again on the same data, as
 * Kubernetes would restart the database's pod) while deployments wait and run. Nobody restarts a service: each recovers on its own, what was in flight is
 * placed and ends, and the ledger adds up.
 */
@ExtendWith(SharedStack.class)
class PostgresRestartIT {

    private static final Duration RECOVERY = Duration.ofSeconds(60);

    @Test
    void theServicesCarryOnByThemselvesAfterPostgresRestarts(StackUnderTest stack) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String owner = "pg-" + suffix;
        JsonPath organization = newOrganization(stack, owner);
        String token = organization.getString("accessToken");
        String cluster = newCluster(stack, token, organization.getString("id"), "restarted",
                Map.of("cpu", "2", "memory", "8Gi"));
        // more than fits at once, so that some wait in the queue through the restart
        List<String> deployments = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            deployments.add(submit(stack, token, cluster, "2s"));
        }

        restartPostgres(stack);

        assertThat(untilAnswered(() -> login(stack, owner).extract().statusCode())).as("identity-service: login")
                .isEqualTo(200);
        assertThat(untilAnswered(() -> as(stack, token).get("/api/v1/clusters/" + cluster).statusCode()))
                .as("cluster-service: the cluster").isEqualTo(200);
        assertThat(untilAnswered(() -> as(stack, token).contentType(ContentType.JSON).body(request(cluster, "100ms"))
                .post("/api/v1/deployments").statusCode())).as("the scheduler: a new deployment").isEqualTo(202);
        for (int i = 0; i < 4; i++) {
            deployments.add(submit(stack, token, cluster, "100ms"));
        }

        for (String deployment : deployments) {
            eventually(() -> as(stack, token).get("/api/v1/deployments/" + deployment),
                    answer -> "COMPLETED".equals(answer.getString("status")), deployment + " to complete",
                    Duration.ofSeconds(90));
        }
        eventually(() -> as(stack, token).get("/api/v1/clusters/" + cluster),
                answer -> "2".equals(answer.getString("available.cpu")), "the cluster to have its capacity back");
        as(stack, token).get("/api/v1/clusters/" + cluster + "/allocations").then().statusCode(200)
                .body("items.size()", equalTo(0));
        StackUnderTest.awaitReady(stack.clusterService(), RECOVERY);
        for (String scheduler : stack.schedulers()) {
            StackUnderTest.awaitReady(scheduler, RECOVERY);
        }
    }

    /**
     * Stops PostgreSQL with a fast shutdown ({@code SIGINT}: every connection is cut, the data is left consistent)
     * and waits until it is gone; the stack notices and starts it again on the same data and port.
     */
    private static void restartPostgres(StackUnderTest stack) throws Exception {
        stack.signal("postgres", "INT").onExit().get(60, TimeUnit.SECONDS);
    }

    /**
     * Asks until the answer is not a server error (the service still finding out that PostgreSQL is back); the
     * answers meanwhile say so with 503, never 500 (which means a fault of ours).
     */
    private static int untilAnswered(Supplier<Integer> ask) throws InterruptedException {
        return pollUntil(ask, status -> {
            if (status >= 500) {
                assertThat(status).as("an answer while the database is coming back").isEqualTo(503);
            }
            return status < 500;
        }, RECOVERY);
    }

    private static Map<String, Object> request(String cluster, String runFor) {
        return runningFor(deploymentRequest(cluster, "through-a-restart", "MEDIUM", "1"), runFor);
    }

    private static String submit(StackUnderTest stack, String token, String cluster, String runFor) {
        return Gateway.submit(stack, token, request(cluster, runFor));
    }
}
