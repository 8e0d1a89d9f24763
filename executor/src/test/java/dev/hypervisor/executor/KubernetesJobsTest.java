package dev.hypervisor.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.deployment.ReportedStatus;
import dev.hypervisor.common.event.DeploymentCancelled;
import dev.hypervisor.common.event.DeploymentEvent;
import dev.hypervisor.common.event.DeploymentPlaced;
import dev.hypervisor.common.event.DeploymentPreempting;
import dev.hypervisor.common.event.DeploymentStatusReported;
import dev.hypervisor.common.event.EventEnvelope;
import dev.hypervisor.common.event.ExecutorHeartbeat;
import dev.hypervisor.common.resources.Resources;
import dev.hypervisor.executor.standin.KubernetesTestServer;
import dev.hypervisor.executor.takeup.TakeUp;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The executor against a Kubernetes API server (the test server, CRUD mode) and a real Kafka broker: the test
 * publishes deployment events as the scheduler does, plays the Job controller and the kubelet by writing Job and pod
 * status, and reads what the executor reports on the status topic.
 */
@QuarkusTest
class KubernetesJobsTest {

    static final UUID CLUSTER = UUID.fromString("7d0c3a52-0000-4000-8000-00000000000a");
    static final UUID GPU_CLUSTER = UUID.fromString("7d0c3a52-0000-4000-8000-00000000000b");
    static final UUID ORGANIZATION = UUID.randomUUID();
    static final Resources TWO_CPUS_ONE_GPU = Resources.of("2", "4Gi", 1);

    @Inject
    KubernetesClient kubernetes;

    @Inject
    TakeUp takeUp;

    @KubernetesTestServer.Server
    KubernetesMockServer server;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "hv.api-url")
    String apiUrl;

    StatusTopic topics;

    @BeforeEach
    void openTopics() {
        topics = new StatusTopic(bootstrapServers);
    }

    @AfterEach
    void closeTopics() throws InterruptedException {
        topics.close();
    }

    @Test
    void aPlacementBecomesAJobWithTheDeploymentsResourcesLabelsAndDeadline() {
        UUID deployment = UUID.randomUUID();
        topics.publish(placed(deployment, CLUSTER, 1, Duration.ofMinutes(90), 1));

        Job job = awaitJob("default", deployment);
        assertThat(job.getMetadata().getLabels()).containsEntry("hypervisor.dev/deployment", deployment.toString())
                .containsEntry("hypervisor.dev/cluster", CLUSTER.toString())
                .containsEntry("hypervisor.dev/organization", ORGANIZATION.toString())
                .containsEntry("hypervisor.dev/attempt", "1");
        assertThat(job.getSpec().getCompletions()).isEqualTo(1);
        assertThat(job.getSpec().getParallelism()).isEqualTo(1);
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(5400L);
        var pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        var container = pod.getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("registry.example.com/train:1");
        Map<String, Quantity> expected = Map.of("cpu", new Quantity("2"), "memory", new Quantity("4Gi"),
                "nvidia.com/gpu", new Quantity("1"));
        assertThat(container.getResources().getRequests()).isEqualTo(expected);
        assertThat(container.getResources().getLimits()).isEqualTo(expected);
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("hypervisor.dev/deployment", deployment.toString());
    }

    @Test
    void aGangIsOneIndexedJobInItsClustersNamespaceAndNodes() {
        UUID gang = UUID.randomUUID();
        topics.publish(placed(gang, GPU_CLUSTER, 4, null, 1));

        Job job = awaitJob("vision", gang);
        assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(job.getSpec().getCompletions()).isEqualTo(4);
        assertThat(job.getSpec().getParallelism()).isEqualTo(4);
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isNull();
        assertThat(job.getSpec().getTemplate().getSpec().getNodeSelector()).containsEntry("hypervisor.dev/pool", "a100");
        assertThat(kubernetes.batch().v1().jobs().inNamespace("default").withName("hv-" + gang).get()).isNull();
    }

    @Test
    void aRedeliveredPlacementCreatesNothingTwice() {
        UUID deployment = UUID.randomUUID();
        DeploymentPlaced placement = placed(deployment, CLUSTER, 1, null, 1);
        topics.publish(placement);
        Job first = awaitJob("default", deployment);

        topics.publish(placement);
        UUID after = UUID.randomUUID(); // the same cluster's events are taken in order: once this one ran, so did it
        topics.publish(placed(after, CLUSTER, 1, null, 1));
        awaitJob("default", after);

        Job now = kubernetes.batch().v1().jobs().inNamespace("default").withName("hv-" + deployment).get();
        assertThat(now.getMetadata().getUid()).isEqualTo(first.getMetadata().getUid());
        assertThat(kubernetes.batch().v1().jobs().inNamespace("default")
                .withLabel("hypervisor.dev/deployment", deployment.toString()).list().getItems()).hasSize(1);
    }

    @Test
    void aCompletedJobIsReportedOnce() {
        UUID deployment = UUID.randomUUID();
        topics.publish(placed(deployment, CLUSTER, 1, null, 1));
        Job job = awaitJob("default", deployment);

        setJobCondition(job, "Complete", "Completed", "all pods succeeded");
        EventEnvelope<DeploymentStatusReported> report = topics.await(DeploymentStatusReported.class,
                reported -> reported.deploymentId().equals(deployment));
        assertThat(report.data().status()).isEqualTo(ReportedStatus.COMPLETED);
        assertThat(report.data().clusterId()).isEqualTo(CLUSTER);

        // the Job changes again and time passes: two heartbeats later, still one report
        eventually(() -> annotations(deployment).containsKey("hypervisor.dev/reported"));
        setJobCondition(current("default", deployment), "Complete", "Completed", "seen again");
        awaitHeartbeatsAfter(Instant.now(), 2);
        assertThat(topics.written(DeploymentStatusReported.class, reported -> reported.deploymentId()
                .equals(deployment))).hasSize(1);
        // and its metrics count it
        String metrics = RestAssured.get("/q/metrics").asString();
        assertThat(metrics).contains("hv_executor_jobs_created_total").contains("hv_executor_events_lag")
                .containsPattern("hv_executor_reports_total\\{[^}]*status=\"COMPLETED\"[^}]*} [1-9]")
                .containsPattern("hv_executor_jobs_ended_total\\{[^}]*outcome=\"COMPLETED\"[^}]*} [1-9]");
    }

    @Test
    void aNewStartReplacesTheJobOfAnEarlierOne() {
        UUID deployment = UUID.randomUUID();
        topics.publish(placed(deployment, CLUSTER, 1, null, 1));
        String first = awaitJob("default", deployment).getMetadata().getUid();

        // retried, and placed again before the retry's own event removed the first start's Job
        topics.publish(placed(deployment, CLUSTER, 1, null, 2));
        eventually(() -> current("default", deployment) != null
                && "2".equals(current("default", deployment).getMetadata().getLabels().get("hypervisor.dev/attempt")));
        assertThat(current("default", deployment).getMetadata().getUid()).isNotEqualTo(first);
        assertThat(current("default", deployment).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anySatisfy(variable -> assertThat(variable.getName() + "=" + variable.getValue())
                        .isEqualTo("HV_ATTEMPT=2"));
    }

    @Test
    void aFailedJobIsReportedWithKubernetesReasonAndTheReplicaThatExited() {
        UUID deployment = UUID.randomUUID();
        topics.publish(placed(deployment, CLUSTER, 1, null, 1));
        Job job = awaitJob("default", deployment);
        createPod(deployment, "default", "hv-" + deployment + "-x1");
        setPodStatus("default", "hv-" + deployment + "-x1", new ContainerStatusBuilder().withName("deployment")
                .withNewState().withNewTerminated().withExitCode(137).withReason("OOMKilled").endTerminated()
                .endState().build());

        setJobCondition(job, "Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit");
        EventEnvelope<DeploymentStatusReported> report = topics.await(DeploymentStatusReported.class,
                reported -> reported.deploymentId().equals(deployment));
        assertThat(report.data().status()).isEqualTo(ReportedStatus.FAILED);
        assertThat(report.data().message()).contains("BackoffLimitExceeded")
                .contains("Job has reached the specified backoff limit").contains("OOMKilled, exit code 137");
    }

    @Test
    void anImageThatIsNeverPulledFailsTheDeploymentAfterThePullTimeout() {
        UUID deployment = UUID.randomUUID();
        topics.publish(placed(deployment, CLUSTER, 1, null, 1));
        awaitJob("default", deployment);
        createPod(deployment, "default", "hv-" + deployment + "-p1");
        Instant stuckFrom = Instant.now();
        setPodStatus("default", "hv-" + deployment + "-p1", new ContainerStatusBuilder().withName("deployment")
                .withNewState().withNewWaiting().withReason("ImagePullBackOff")
                .withMessage("Back-off pulling image \"registry.example.com/train:1\"").endWaiting().endState().build());

        EventEnvelope<DeploymentStatusReported> report = topics.await(DeploymentStatusReported.class,
                reported -> reported.deploymentId().equals(deployment));
        assertThat(report.data().status()).isEqualTo(ReportedStatus.FAILED);
        assertThat(report.data().message()).contains("ImagePullBackOff").contains("not pulled within 2 s");
        // not before the pull timeout (2 s in tests) had passed since the pull was first seen stuck
        assertThat(report.time()).isAfterOrEqualTo(stuckFrom.plusSeconds(2));
        eventually(() -> current("default", deployment) == null);
    }

    @Test
    void aJobTheApiServerRefusesFailsTheDeploymentAndTheExecutorGoesOn() {
        UUID refused = UUID.randomUUID();
        server.expect().post().withPath("/apis/batch/v1/namespaces/default/jobs").andReturn(422,
                new StatusBuilder().withCode(422).withReason("Invalid").withMessage("Job.batch \"hv-" + refused
                        + "\" is invalid: spec.template.spec.containers[0].image: Invalid value").build()).once();
        topics.publish(placed(refused, CLUSTER, 1, null, 1));

        EventEnvelope<DeploymentStatusReported> report = topics.await(DeploymentStatusReported.class,
                reported -> reported.deploymentId().equals(refused));
        assertThat(report.data().status()).isEqualTo(ReportedStatus.FAILED);
        assertThat(report.data().message()).contains("Kubernetes refused its Job").contains("is invalid");
        UUID next = UUID.randomUUID();
        topics.publish(placed(next, CLUSTER, 1, null, 1));
        awaitJob("default", next);
        assertThat(current("default", refused)).isNull();
    }

    @Test
    void aGracefulPreemptionStopsTheReplicasAndReportsStoppedOnlyOnceTheyAreGone() throws InterruptedException {
        UUID deployment = UUID.randomUUID();
        topics.publish(placed(deployment, CLUSTER, 2, null, 1));
        awaitJob("default", deployment);
        // the kubelet holds the replicas while they checkpoint: a finalizer keeps each pod until the test lets it go
        createLingeringPod(deployment, "default", "hv-" + deployment + "-0");
        createLingeringPod(deployment, "default", "hv-" + deployment + "-1");

        topics.publish(new DeploymentPreempting(deployment, CLUSTER, UUID.randomUUID(),
                Instant.now().plusSeconds(60), "PREEMPTED"));
        eventually(() -> current("default", deployment) == null
                && pods(deployment).stream().allMatch(pod -> pod.getMetadata().getDeletionTimestamp() != null));
        // the replicas were asked to stop within the time left until stopBy (the kubelet's SIGTERM, then SIGKILL)
        assertThat(podDeletions(deployment)).isNotEmpty().allSatisfy(body -> assertThat(body)
                .containsPattern("\"gracePeriodSeconds\":(5[0-9]|60)\\b"));
        // while its replicas checkpoint, it is still held: heartbeats list it, and nothing says it stopped
        EventEnvelope<ExecutorHeartbeat> beat = awaitHeartbeatsAfter(Instant.now(), 1);
        assertThat(beat.data().running()).contains(deployment);
        assertThat(topics.written(DeploymentStatusReported.class, reported -> reported.deploymentId()
                .equals(deployment))).isEmpty();

        pods(deployment).forEach(pod -> kubernetes.pods().inNamespace("default").withName(pod.getMetadata().getName())
                .edit(gone -> new PodBuilder(gone).editMetadata().withFinalizers(List.of()).endMetadata().build()));
        EventEnvelope<DeploymentStatusReported> report = topics.await(DeploymentStatusReported.class,
                reported -> reported.deploymentId().equals(deployment));
        assertThat(report.data().status()).isEqualTo(ReportedStatus.STOPPED);
    }

    @Test
    void aCancellationDeletesTheJobAndItsPods() {
        UUID deployment = UUID.randomUUID();
        topics.publish(placed(deployment, CLUSTER, 1, null, 1));
        awaitJob("default", deployment);
        createPod(deployment, "default", "hv-" + deployment + "-c1");

        topics.publish(new DeploymentCancelled(deployment, CLUSTER, UUID.randomUUID(), Instant.now()));
        eventually(() -> current("default", deployment) == null && pods(deployment).isEmpty());
        assertThat(topics.written(DeploymentStatusReported.class, reported -> reported.deploymentId()
                .equals(deployment))).isEmpty();
    }

    @Test
    void atStartItTakesUpTheJobsHypervisorStillRunsAndDeletesTheOrphans() {
        UUID running = UUID.randomUUID();
        UUID ended = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        UUID startedAgain = UUID.randomUUID();
        // Jobs an earlier run of the executor left behind, as Kubernetes kept them
        for (UUID deployment : List.of(running, ended, unknown, startedAgain)) {
            kubernetes.batch().v1().jobs().inNamespace("default").resource(dev.hypervisor.executor.jobs.JobTemplate
                    .of(placed(deployment, CLUSTER, 1, null, 1), new dev.hypervisor.executor.jobs.JobTarget(
                            "default", Map.of()), "kubernetes-executor")).create();
        }
        hypervisorHas(running, "RUNNING", 1);
        hypervisorHas(ended, "FAILED", 1);
        hypervisorHas(startedAgain, "RUNNING", 2);
        eventually(() -> List.of(running, ended, unknown, startedAgain).stream()
                .allMatch(deployment -> listedByAHeartbeat(deployment)));

        TakeUp.Result result = takeUp.run();

        assertThat(result.kept()).isGreaterThanOrEqualTo(1);
        assertThat(current("default", running)).isNotNull();
        eventually(() -> current("default", ended) == null && current("default", unknown) == null
                && current("default", startedAgain) == null);
        // and what it took up it watches: its completion is reported
        setJobCondition(current("default", running), "Complete", "Completed", "done");
        assertThat(topics.await(DeploymentStatusReported.class, reported -> reported.deploymentId().equals(running))
                .data().status()).isEqualTo(ReportedStatus.COMPLETED);
    }

    @Test
    void eachHeartbeatListsExactlyTheJobsItHoldsOnThatCluster() {
        UUID one = UUID.randomUUID();
        UUID two = UUID.randomUUID();
        UUID gang = UUID.randomUUID();
        topics.publish(placed(one, CLUSTER, 1, null, 1));
        topics.publish(placed(two, CLUSTER, 1, null, 1));
        topics.publish(placed(gang, GPU_CLUSTER, 3, null, 1));
        awaitJob("default", one);
        awaitJob("default", two);
        awaitJob("vision", gang);
        topics.publish(new DeploymentCancelled(two, CLUSTER, UUID.randomUUID(), Instant.now()));
        eventually(() -> current("default", two) == null);

        Instant settled = Instant.now();
        EventEnvelope<ExecutorHeartbeat> beat = awaitHeartbeat(CLUSTER, settled);
        assertThat(beat.data().executorId()).isEqualTo("kubernetes-executor");
        assertThat(beat.data().running()).containsExactlyInAnyOrderElementsOf(jobsOf(CLUSTER));
        assertThat(beat.data().running()).contains(one).doesNotContain(two, gang);
        assertThat(beat.data().seenUntil()).isNotNull();
        EventEnvelope<ExecutorHeartbeat> gpuBeat = awaitHeartbeat(GPU_CLUSTER, settled);
        assertThat(gpuBeat.data().running()).containsExactlyInAnyOrderElementsOf(jobsOf(GPU_CLUSTER)).contains(gang);
    }

    @Test
    void itIsReadyWhenKubernetesAndKafkaAnswer() {
        eventually(() -> RestAssured.get("/q/health/ready").statusCode() == 200);
        RestAssured.get("/q/health/ready").then().body("checks.name", org.hamcrest.Matchers.hasItem("kubernetes"));
        RestAssured.get("/q/openapi").then().statusCode(200);
        RestAssured.get("/docs/").then().statusCode(200);
    }

    private static DeploymentPlaced placed(UUID deployment, UUID cluster, int replicas, Duration limit, int attempt) {
        return new DeploymentPlaced(deployment, cluster, "train", "registry.example.com/train:1", TWO_CPUS_ONE_GPU,
                Priority.HIGH, Map.of(), Instant.now(), replicas, ORGANIZATION, limit, attempt);
    }

    private Job awaitJob(String namespace, UUID deployment) {
        eventually(() -> current(namespace, deployment) != null);
        return current(namespace, deployment);
    }

    private Job current(String namespace, UUID deployment) {
        return kubernetes.batch().v1().jobs().inNamespace(namespace).withName("hv-" + deployment).get();
    }

    private Map<String, String> annotations(UUID deployment) {
        Job job = current("default", deployment);
        return job == null || job.getMetadata().getAnnotations() == null ? Map.of() : job.getMetadata().getAnnotations();
    }

    private List<UUID> jobsOf(UUID cluster) {
        return kubernetes.batch().v1().jobs().inAnyNamespace().withLabel("hypervisor.dev/cluster", cluster.toString())
                .list().getItems().stream()
                .map(job -> UUID.fromString(job.getMetadata().getLabels().get("hypervisor.dev/deployment"))).toList();
    }

    private List<Pod> pods(UUID deployment) {
        return kubernetes.pods().inNamespace("default").withLabel("hypervisor.dev/deployment", deployment.toString())
                .list().getItems();
    }

    /** The bodies of the requests to delete the deployment's pods that the API server has had so far. */
    private List<String> podDeletions(UUID deployment) throws InterruptedException {
        List<String> bodies = new java.util.ArrayList<>();
        io.fabric8.mockwebserver.http.RecordedRequest request;
        while ((request = server.takeRequest(10, java.util.concurrent.TimeUnit.MILLISECONDS)) != null) {
            if (request.getMethod().equals("DELETE") && request.getPath().contains("/pods")
                    && request.getPath().contains(deployment.toString())) {
                bodies.add(request.getUtf8Body());
            }
        }
        return bodies;
    }

    /** Whether a heartbeat has listed it: the executor's informers have seen its Job. */
    private boolean listedByAHeartbeat(UUID deployment) {
        return topics.written(ExecutorHeartbeat.class, beat -> beat.running().contains(deployment)).size() > 0;
    }

    /** The Job controller's part: a condition on the Job's status. */
    private void setJobCondition(Job job, String type, String reason, String message) {
        job.setStatus(new JobStatusBuilder().addToConditions(new JobConditionBuilder().withType(type)
                .withStatus("True").withReason(reason).withMessage(message).build()).build());
        kubernetes.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).resource(job).updateStatus();
    }

    /** The Job controller's part: a pod of the Job's, labelled as its template says. */
    private void createPod(UUID deployment, String namespace, String name) {
        kubernetes.pods().inNamespace(namespace).resource(pod(deployment, name).build()).create();
    }

    private void createLingeringPod(UUID deployment, String namespace, String name) {
        kubernetes.pods().inNamespace(namespace).resource(pod(deployment, name).editMetadata()
                .withFinalizers("test.hypervisor.dev/checkpointing").endMetadata().build()).create();
    }

    private PodBuilder pod(UUID deployment, String name) {
        Job job = current("default", deployment);
        return new PodBuilder().withNewMetadata().withName(name)
                .withLabels(job.getSpec().getTemplate().getMetadata().getLabels()).endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec());
    }

    /** The kubelet's part: a container's state on the pod's status. */
    private void setPodStatus(String namespace, String name, io.fabric8.kubernetes.api.model.ContainerStatus status) {
        Pod pod = kubernetes.pods().inNamespace(namespace).withName(name).get();
        pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withContainerStatuses(status).build());
        kubernetes.pods().inNamespace(namespace).resource(pod).updateStatus();
    }

    private void hypervisorHas(UUID deployment, String status, int attempts) {
        RestAssured.given().baseUri(apiUrl).body("{\"status\":\"" + status + "\",\"attempts\":" + attempts + "}")
                .put("/test/deployments/" + deployment).then().statusCode(204);
    }

    private EventEnvelope<ExecutorHeartbeat> awaitHeartbeat(UUID cluster, Instant after) {
        return topics.await(ExecutorHeartbeat.class, beat -> beat.clusterId().equals(cluster)
                && topics.written(ExecutorHeartbeat.class, any -> true).stream()
                        .anyMatch(envelope -> envelope.data() == beat && envelope.time().isAfter(after)));
    }

    /** Waits for {@code count} heartbeats of the first cluster sent after {@code after}; answers the last. */
    private EventEnvelope<ExecutorHeartbeat> awaitHeartbeatsAfter(Instant after, int count) {
        eventually(() -> topics.written(ExecutorHeartbeat.class, beat -> beat.clusterId().equals(CLUSTER)).stream()
                .filter(envelope -> envelope.time().isAfter(after)).count() >= count);
        List<EventEnvelope<ExecutorHeartbeat>> beats = topics.written(ExecutorHeartbeat.class,
                beat -> beat.clusterId().equals(CLUSTER));
        return beats.get(beats.size() - 1);
    }

    private static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not so within 30 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
