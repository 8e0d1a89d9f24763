package dev.hypervisor.e2e;

import static dev.hypervisor.e2e.Gateway.RUN_FOR;
import static dev.hypervisor.e2e.Gateway.as;
import static dev.hypervisor.e2e.Gateway.deploymentRequest;
import static dev.hypervisor.e2e.Gateway.eventually;
import static dev.hypervisor.e2e.Gateway.executorToken;
import static dev.hypervisor.e2e.Gateway.newCluster;
import static dev.hypervisor.e2e.Gateway.newOrganization;
import static dev.hypervisor.e2e.Gateway.newUser;
import static dev.hypervisor.e2e.Gateway.runningFor;
import static dev.hypervisor.e2e.Gateway.untilStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The life of deployments through the gateway of a running stack, as a team would live it: two members of an
 * organization share a cluster; deployments queue by priority, wait for their dependencies, run, complete,
 * are preempted and come back, and fail when what they depend on fails. The cluster's available capacity is
 * checked at every step.
 */
@ExtendWith(SharedStack.class)
class DeploymentJourneyIT {

    @Test
    void deploymentsQueueRunCompletePreemptAndCascade(StackUnderTest stack) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        JsonPath organization = newOrganization(stack, "lead-" + suffix);
        String lead = organization.getString("accessToken");
        String organizationId = organization.getString("id");
        String developer = join(stack, newUser(stack, "dev-" + suffix), organization.getString("inviteCode"));
        String executor = executorToken(stack);
        String cluster = newCluster(stack, lead, organizationId, "gpu-" + suffix,
                Map.of("cpu", "8", "memory", "32Gi", "gpu", 2));
        available(stack, lead, cluster, "8", 2);

        // a training run takes the GPUs; its evaluation waits for it
        String train = submit(stack, developer, cluster, "train", "6", 2, "LOW", List.of());
        String evaluate = submit(stack, developer, cluster, "evaluate", "2", 0, "MEDIUM", List.of(train));
        running(stack, developer, train);
        JsonPath waiting = as(stack, developer).get("/api/v1/deployments/" + evaluate).then().statusCode(200)
                .body("status", equalTo("PENDING")).extract().jsonPath();
        assertThat(waiting.getString("pending.reason")).isEqualTo("WAITING_FOR_DEPENDENCIES");
        assertThat(waiting.getList("pending.waitingFor")).containsExactly(train);
        available(stack, lead, cluster, "2", 0);

        // an urgent job preempts the training run, which goes back to the queue and says why it waits
        String urgent = submit(stack, lead, cluster, "urgent", "4", 1, "HIGH", List.of());
        running(stack, lead, urgent);
        JsonPath preempted = eventually(() -> as(stack, developer).get("/api/v1/deployments/" + train),
                answer -> "PENDING".equals(answer.getString("status")), "the training run to be preempted");
        assertThat(preempted.getInt("preemptions")).isEqualTo(1);
        assertThat(preempted.getString("pending.reason")).isEqualTo("INSUFFICIENT_CAPACITY");
        assertThat(preempted.getMap("pending.short")).containsEntry("gpu", 1);
        available(stack, lead, cluster, "4", 1);
        as(stack, developer).get("/api/v1/clusters/" + cluster + "/queue").then().statusCode(200)
                .body("items.id", contains(evaluate, train));
        as(stack, developer).get("/api/v1/clusters/" + cluster + "/queue?priority=LOW").then().statusCode(200)
                .body("items.id", contains(train)).body("total", equalTo(1))
                .body("items[0].pending.position", equalTo(2));
        String developerId = as(stack, developer).get("/api/v1/users/me").then().statusCode(200).extract()
                .path("id");
        as(stack, lead).get("/api/v1/clusters/" + cluster + "/queue?userId=" + developerId).then().statusCode(200)
                .body("items.id", contains(evaluate, train)).body("total", equalTo(2));

        // the executor reports the urgent job done; the training run comes back, then completes, and its
        // evaluation starts
        report(stack, executor, urgent, "COMPLETED");
        running(stack, developer, train);
        available(stack, lead, cluster, "2", 0);
        report(stack, developer, train, "COMPLETED");
        running(stack, developer, evaluate);
        available(stack, lead, cluster, "6", 2);

        // a failure fails what depends on it, transitively; finished deployments cannot change again
        String flaky = submit(stack, developer, cluster, "flaky", "1", 0, "LOW", List.of());
        running(stack, developer, flaky);
        String child = submit(stack, developer, cluster, "child", "1", 0, "LOW", List.of(flaky));
        String grandchild = submit(stack, developer, cluster, "grandchild", "1", 0, "LOW", List.of(child));
        report(stack, executor, flaky, "FAILED");
        for (String doomed : List.of(child, grandchild)) {
            as(stack, developer).get("/api/v1/deployments/" + doomed).then().statusCode(200)
                    .body("status", equalTo("FAILED"));
        }
        as(stack, developer).contentType(ContentType.JSON).body(Map.of("status", "COMPLETED"))
                .post("/api/v1/deployments/" + flaky + "/status").then().statusCode(409);
        available(stack, lead, cluster, "6", 2);

        // cancelling a running deployment frees its capacity at once
        as(stack, developer).post("/api/v1/deployments/" + evaluate + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
        as(stack, developer).post("/api/v1/deployments/" + evaluate + "/cancel").then().statusCode(409);
        available(stack, lead, cluster, "8", 2);

        // refused at intake: more than the cluster holds, a dependency that failed, another tenant
        as(stack, developer).contentType(ContentType.JSON).body(request(cluster, "huge", "9", 0, "LOW", List.of()))
                .post("/api/v1/deployments").then().statusCode(422).body("code", equalTo("EXCEEDS_CLUSTER_CAPACITY"));
        as(stack, developer).contentType(ContentType.JSON).body(request(cluster, "late", "1", 0, "LOW", List.of(flaky)))
                .post("/api/v1/deployments").then().statusCode(422).body("code", equalTo("VALIDATION_FAILED"));
        String stranger = newUser(stack, "stranger-" + suffix);
        as(stack, stranger).contentType(ContentType.JSON).body(request(cluster, "x", "1", 0, "LOW", List.of()))
                .post("/api/v1/deployments").then().statusCode(404);
        as(stack, stranger).get("/api/v1/deployments/" + train).then().statusCode(404);
        as(stack, developer).get("/api/v1/deployments?clusterId=" + cluster + "&status=FAILED").then()
                .statusCode(200).body("items.id", contains(grandchild, child, flaky));
    }

    @Test
    void theSameIdempotencyKeyNamesTheSameDeployment(StackUnderTest stack) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        JsonPath organization = newOrganization(stack, "retry-" + suffix);
        String owner = organization.getString("accessToken");
        String cluster = newCluster(stack, owner, organization.getString("id"), "c",
                Map.of("cpu", "4", "memory", "8Gi"));
        Map<String, Object> body = request(cluster, "once", "1", 0, "LOW", List.of());
        String first = as(stack, owner).header("Idempotency-Key", "k-" + suffix).contentType(ContentType.JSON)
                .body(body).post("/api/v1/deployments").then().statusCode(202).extract().path("id");
        as(stack, owner).header("Idempotency-Key", "k-" + suffix).contentType(ContentType.JSON).body(body)
                .post("/api/v1/deployments").then().statusCode(202).body("id", equalTo(first));
        body.put("name", "other");
        as(stack, owner).header("Idempotency-Key", "k-" + suffix).contentType(ContentType.JSON).body(body)
                .post("/api/v1/deployments").then().statusCode(422);
        as(stack, owner).get("/api/v1/deployments?clusterId=" + cluster).then().body("items.id", contains(first));
    }

    @Test
    void theSimulatedExecutorRunsWhatAsksForItThroughTheStatusTopic(StackUnderTest stack) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        JsonPath organization = newOrganization(stack, "sim-" + suffix);
        String owner = organization.getString("accessToken");
        String cluster = newCluster(stack, owner, organization.getString("id"), "sim",
                Map.of("cpu", "4", "memory", "8Gi"));
        String first = Gateway.submit(stack, owner,
                runningFor(request(cluster, "quick", "1", 0, "LOW", List.of()), "500ms"));
        Map<String, Object> doomed = request(cluster, "doomed", "1", 0, "LOW", List.of(first));
        doomed.put("labels", Map.of(RUN_FOR, "500ms", "hypervisor.dev/outcome", "FAILED"));
        String second = Gateway.submit(stack, owner, doomed);
        String idle = submit(stack, owner, cluster, "idle", "1", 0, "LOW", List.of());

        untilStatus(stack, owner, first, "COMPLETED"); // the labelled deployment ran its time
        untilStatus(stack, owner, second, "FAILED"); // its dependent ran and failed, as its label asked
        running(stack, owner, idle);
        available(stack, owner, cluster, "3", 0);
    }

    @Test
    void aClaimLeftBehindByAStoppedSchedulerIsReleasedWhenTheClusterIsTakenUp(StackUnderTest stack)
            throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        JsonPath organization = newOrganization(stack, "crash-" + suffix);
        String owner = organization.getString("accessToken");
        String cluster = newCluster(stack, owner, organization.getString("id"), "crash",
                Map.of("cpu", "4", "memory", "8Gi"));
        // What a scheduler that stopped between claiming and recording the placement leaves: a claim in the
        // ledger, under its service account, for a deployment that does not run.
        as(stack, Gateway.schedulerToken(stack)).contentType(ContentType.JSON)
                .body(Map.of("resources", Map.of("cpu", "3", "memory", "1Gi"), "consumerType", "DEPLOYMENT"))
                .put("/api/v1/clusters/" + cluster + "/allocations/" + UUID.randomUUID()).then().statusCode(200);
        available(stack, owner, cluster, "1", 0);

        // The scheduler takes the cluster up at its first deployment there, and reconciles the ledger first:
        // the stray claim goes, and a deployment that needs the whole cluster runs.
        String whole = submit(stack, owner, cluster, "whole", "4", 0, "LOW", List.of());
        running(stack, owner, whole);
        as(stack, owner).get("/api/v1/clusters/" + cluster + "/allocations").then().statusCode(200)
                .body("items.consumerId", contains(whole));
    }

    private static String join(StackUnderTest stack, String token, String inviteCode) {
        return as(stack, token).contentType(ContentType.JSON).body(Map.of("inviteCode", inviteCode))
                .post("/api/v1/organizations/join").then().statusCode(200)
                .body("role", equalTo("DEVELOPER")).extract().path("accessToken");
    }

    private static Map<String, Object> request(String cluster, String name, String cpu, int gpu, String priority,
                                               List<String> dependsOn) {
        Map<String, Object> request = deploymentRequest(cluster, name, priority, cpu);
        request.put("resources", Map.of("cpu", cpu, "memory", "1Gi", "gpu", gpu));
        request.put("dependsOn", dependsOn);
        return request;
    }

    private static String submit(StackUnderTest stack, String token, String cluster, String name, String cpu,
                                 int gpu, String priority, List<String> dependsOn) {
        return as(stack, token).contentType(ContentType.JSON)
                .body(request(cluster, name, cpu, gpu, priority, dependsOn))
                .post("/api/v1/deployments").then().statusCode(202).body("status", equalTo("PENDING"))
                .extract().path("id");
    }

    private static void running(StackUnderTest stack, String token, String deployment) throws InterruptedException {
        JsonPath started = untilStatus(stack, token, deployment, "RUNNING");
        assertThat(started.getString("startedAt")).isNotNull();
    }

    private static void report(StackUnderTest stack, String token, String deployment, String status) {
        as(stack, token).contentType(ContentType.JSON).body(Map.of("status", status))
                .post("/api/v1/deployments/" + deployment + "/status").then().statusCode(200)
                .body("status", equalTo(status));
    }

    /** The cluster's available CPU and GPUs, once capacity has settled (releases and placements are async). */
    private static void available(StackUnderTest stack, String token, String cluster, String cpu, int gpu)
            throws InterruptedException {
        eventually(() -> as(stack, token).get("/api/v1/clusters/" + cluster),
                answer -> cpu.equals(answer.getString("available.cpu")) && answer.getInt("available.gpu") == gpu,
                "cluster " + cluster + " to have cpu " + cpu + " and gpu " + gpu + " available");
    }
}
