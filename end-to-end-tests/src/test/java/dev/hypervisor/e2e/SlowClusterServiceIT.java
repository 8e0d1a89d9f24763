package dev.hypervisor.e2e;

import static dev.hypervisor.e2e.Gateway.as;
import static dev.hypervisor.e2e.Gateway.deploymentRequest;
import static dev.hypervisor.e2e.Gateway.eventually;
import static dev.hypervisor.e2e.Gateway.newCluster;
import static dev.hypervisor.e2e.Gateway.newOrganization;
import static dev.hypervisor.e2e.Gateway.pollUntil;
import static dev.hypervisor.e2e.Gateway.runningFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * cluster-service hangs (its process frozen with {@code SIGSTOP}: connections are accepted, nothing answers), which
 * is worse than down: every call waits for its timeout. The scheduler keeps accepting deployments for a cluster it
 * knows, its passes time out and back off, and once cluster-service answers again ({@code SIGCONT}) every
 * deployment is placed and ends.
 */
@ExtendWith(SharedStack.class)
class SlowClusterServiceIT {

    /** A request that waits a minute at most for its answer, so that a hanging scheduler fails the test. */
    private static final RestAssuredConfig PATIENT_MINUTE = RestAssuredConfig.config().httpClient(
            HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 60_000));

    @Test
    void deploymentsAreAcceptedWhileClusterServiceHangsAndPlacedOnceItAnswers(StackUnderTest stack)
            throws Exception {
        JsonPath organization = newOrganization(stack, "patient-" + UUID.randomUUID().toString().substring(0, 8));
        String token = organization.getString("accessToken");
        String cluster = newCluster(stack, token, organization.getString("id"), "hanging",
                Map.of("cpu", "4", "memory", "16Gi"));
        List<String> deployments = new ArrayList<>();
        deployments.add(submit(stack.schedulers().get(0), token, cluster));
        awaitCompleted(stack, token, deployments);

        stack.signal("cluster-service", "STOP");
        try {
            for (int i = 0; i < 6; i++) {
                deployments.add(submit(stack.schedulers().get(i % 2), token, cluster));
            }
            for (String deployment : deployments.subList(1, deployments.size())) {
                RestAssured.given().config(PATIENT_MINUTE).baseUri(stack.schedulers().get(0)).auth().oauth2(token)
                        .get("/api/v1/deployments/" + deployment).then().statusCode(200);
            }
        } finally {
            stack.signal("cluster-service", "CONT");
        }

        awaitCompleted(stack, token, deployments);
        eventually(() -> as(stack, token).get("/api/v1/clusters/" + cluster),
                answer -> "4".equals(answer.getString("available.cpu")), "the cluster to have its capacity back");
        as(stack, token).get("/api/v1/clusters/" + cluster + "/allocations").then().statusCode(200)
                .body("items", empty());

        // each instance asks cluster-service again once its circuit breaker lets a call through: a cluster
        // neither has seen is served (503 with Retry-After only until then)
        String unseen = newCluster(stack, token, organization.getString("id"), "unseen",
                Map.of("cpu", "1", "memory", "1Gi"));
        for (String scheduler : stack.schedulers()) {
            int status = pollUntil(() -> RestAssured.given().config(PATIENT_MINUTE).baseUri(scheduler).auth()
                    .oauth2(token).get("/api/v1/clusters/" + unseen + "/queue").then().extract().statusCode(),
                    answer -> answer != 503, Duration.ofSeconds(30));
            assertThat(status).as("%s, about a cluster it never saw", scheduler).isEqualTo(200);
        }
    }

    private static String submit(String scheduler, String token, String cluster) {
        return RestAssured.given().config(PATIENT_MINUTE).baseUri(scheduler).auth().oauth2(token)
                .contentType(ContentType.JSON)
                .body(runningFor(deploymentRequest(cluster, "patient", "MEDIUM", "1"), "100ms"))
                .post("/api/v1/deployments").then().statusCode(202).extract().path("id");
    }

    private static void awaitCompleted(StackUnderTest stack, String token, List<String> deployments)
            throws InterruptedException {
        for (String deployment : deployments) {
            eventually(() -> as(stack, token).get("/api/v1/deployments/" + deployment),
                    answer -> "COMPLETED".equals(answer.getString("status")), deployment + " to complete",
                    Duration.ofSeconds(90));
        }
    }
}
