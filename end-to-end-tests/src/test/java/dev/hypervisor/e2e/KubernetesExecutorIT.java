package dev.hypervisor.e2e;

import static dev.hypervisor.e2e.Gateway.as;
import static dev.hypervisor.e2e.Gateway.deploymentRequest;
import static dev.hypervisor.e2e.Gateway.eventually;
import static dev.hypervisor.e2e.Gateway.newCluster;
import static dev.hypervisor.e2e.Gateway.newOrganization;
import static dev.hypervisor.e2e.Gateway.pollUntil;
import static dev.hypervisor.e2e.Gateway.submit;
import static dev.hypervisor.e2e.Gateway.untilStatus;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Kubernetes executor's jar beside the stack, on a Kubernetes API server (fabric8's test server in CRUD mode,
 * with the test as the Job controller): a deployment submitted through the gateway becomes a Job, the Job's end
 * becomes the deployment's, the cluster holds the executor's lease, and an executor killed and started again takes
 * up its Jobs and deletes the one whose deployment ended meanwhile.
 */
@ExtendWith(SharedStack.class)
class KubernetesExecutorIT {

    private static final String NAMESPACE = "hypervisor-jobs";

    private KubernetesMockServer kubernetesServer;
    private KubernetesClient kubernetes;

    @BeforeEach
    void startKubernetes() {
        // the test server logs every request it answers
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
        kubernetesServer = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        kubernetesServer.init();
        kubernetes = kubernetesServer.createClient();
    }

    @AfterEach
    void stopKubernetes() {
        kubernetes.close();
        kubernetesServer.destroy();
    }

    @Test
    void placedDeploymentsRunAsJobsWhoseEndsAreTheirs(StackUnderTest stack) throws Exception {
        JsonPath organization = newOrganization(stack, "k8s-" + UUID.randomUUID().toString().substring(0, 8));
        String token = organization.getString("accessToken");
        String cluster = newCluster(stack, token, organization.getString("id"), "on-kubernetes",
                Map.of("cpu", "8", "memory", "32Gi", "gpu", 2));
        try (ExecutorProcess executor = ExecutorProcess.start(stack, cluster, kubernetesServer.url("/"))) {
            Map<String, Object> training = ours(deploymentRequest(cluster, "train", "HIGH", "2", "4Gi"));
            training.put("maxRunDuration", "30m");
            String train = submit(stack, token, training);
            Job job = awaitJob(train);
            assertThat(job.getMetadata().getLabels()).containsEntry("hypervisor.dev/organization",
                    organization.getString("id")).containsEntry("hypervisor.dev/cluster", cluster);
            assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(1800L);
            assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits()
                    .get("cpu").toString()).isEqualTo("2");

            finish(job, "Complete", "Completed", "all pods succeeded");
            assertThat(untilStatus(stack, token, train, "COMPLETED").getString("message")).contains("completed");

            String crashing = submit(stack, token, ours(deploymentRequest(cluster, "crash", "LOW", "1")));
            finish(awaitJob(crashing), "Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit");
            JsonPath failed = untilStatus(stack, token, crashing, "FAILED");
            assertThat(failed.getString("failureReason")).isEqualTo("FAILED");
            assertThat(failed.getString("message")).contains("BackoffLimitExceeded");

            JsonPath view = eventually(() -> as(stack, token).get("/api/v1/clusters/" + cluster),
                    answer -> "kubernetes-executor".equals(answer.getString("executor.id")),
                    "the cluster to hold the executor's lease", Duration.ofSeconds(30));
            assertThat(view.getString("executor.leaseExpiresAt")).isNotNull();

            // killed while one runs; meanwhile another is cancelled: started again, it keeps one and deletes the other
            String kept = submit(stack, token, ours(deploymentRequest(cluster, "kept", "LOW", "1")));
            String cancelled = submit(stack, token, ours(deploymentRequest(cluster, "cancelled", "LOW", "1")));
            awaitJob(kept);
            awaitJob(cancelled);
            executor.kill();
            as(stack, token).contentType(ContentType.JSON).post("/api/v1/deployments/" + cancelled + "/cancel")
                    .then().statusCode(200);
            try (ExecutorProcess again = ExecutorProcess.start(stack, cluster, kubernetesServer.url("/"))) {
                assertThat(pollUntil(() -> job(cancelled), gone -> gone == null, Duration.ofSeconds(30))).isNull();
                assertThat(job(kept)).isNotNull();
                finish(job(kept), "Complete", "Completed", "done");
                untilStatus(stack, token, kept, "COMPLETED");
            }
        }
    }

    /** Labelled for the Kubernetes executor, so the stack's simulated executor leaves it alone. */
    private static Map<String, Object> ours(Map<String, Object> request) {
        request.put("labels", Map.of("hypervisor.dev/executor", "kubernetes-executor"));
        return request;
    }

    private Job awaitJob(String deployment) throws InterruptedException {
        Job job = pollUntil(() -> job(deployment), found -> found != null, Duration.ofSeconds(30));
        assertThat(job).as("the Job of deployment %s", deployment).isNotNull();
        return job;
    }

    private Job job(String deployment) {
        return kubernetes.batch().v1().jobs().inNamespace(NAMESPACE).withName("hv-" + deployment).get();
    }

    /** The Job controller's part: the Job's final condition. */
    private void finish(Job job, String type, String reason, String message) {
        job.setStatus(new JobStatusBuilder().addToConditions(new JobConditionBuilder().withType(type)
                .withStatus("True").withReason(reason).withMessage(message).build()).build());
        kubernetes.batch().v1().jobs().inNamespace(NAMESPACE).resource(job).updateStatus();
    }
}
