package dev.hypervisor.scheduler;

import static dev.hypervisor.scheduler.SchedulerApi.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.event.DeploymentPlaced;
import dev.hypervisor.common.event.DeploymentRequested;
import dev.hypervisor.common.event.EventCodec;
import dev.hypervisor.common.event.EventEnvelope;
import dev.hypervisor.common.event.Topics;
import dev.hypervisor.common.resources.Resources;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Gangs through both doors: replicas that start together, or with at least {@code minReplicas}. */
@QuarkusTest
class GangsTest {

    private final SchedulerApi api = new SchedulerApi();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aGangWaitsWholeAndStartsWholeWithOneClaimForAllItsReplicas() throws Exception {
        UUID cluster = api.newCluster("4", "16Gi");
        String blocker = runningOneCpu(cluster);
        String trainer = submitGang(cluster, 4, null);

        JsonPath waiting = api.until(trainer, answer -> answer.getString("pending.reason") != null,
                "a pending reason");
        assertThat(waiting.getString("status")).isEqualTo("PENDING");
        assertThat(waiting.getString("pending.reason")).isEqualTo("INSUFFICIENT_CAPACITY");
        assertThat(waiting.getInt("replicas")).isEqualTo(4);
        assertThat(waiting.getString("replicasRunning")).isNull();
        assertThat(SchedulerApi.claimsWhenHeldBy(cluster, blocker)).containsOnlyKeys(blocker);

        api.report(blocker, "COMPLETED");
        JsonPath running = api.untilStatus(trainer, "RUNNING");

        assertThat(running.getInt("replicasRunning")).isEqualTo(4);
        assertThat(running.getString("resources.cpu")).isEqualTo("1"); // per replica, as asked
        Map<String, Map<String, Object>> claims = SchedulerApi.claimsWhenHeldBy(cluster, trainer);
        assertThat(((Number) claims.get(trainer).get("cpuMillis")).longValue()).isEqualTo(4000);
        assertThat(PublishedEvents.readUntil(bootstrapServers, Duration.ofSeconds(30), event ->
                event instanceof DeploymentPlaced placed && placed.deploymentId().toString().equals(trainer)
                        && placed.replicas() == 4)).as("a DeploymentPlaced event with 4 replicas").isTrue();
    }

    @Test
    void aGangThatMayStartWithFewerTakesAsManyAsFit() throws Exception {
        UUID cluster = api.newCluster("4", "16Gi");
        String blocker = runningOneCpu(cluster);
        String elastic = submitGang(cluster, 6, 2);

        JsonPath running = api.untilStatus(elastic, "RUNNING");

        assertThat(running.getInt("replicas")).isEqualTo(6);
        assertThat(running.getInt("minReplicas")).isEqualTo(2);
        assertThat(running.getInt("replicasRunning")).isEqualTo(3);
        Map<String, Map<String, Object>> claims = SchedulerApi.claimsWhenHeldBy(cluster, blocker, elastic);
        assertThat(((Number) claims.get(elastic).get("cpuMillis")).longValue()).isEqualTo(3000);
    }

    @Test
    void aGangRequestedByEventStartsWhole() throws Exception {
        UUID cluster = api.newCluster("8", "16Gi");
        UUID id = UUID.randomUUID();
        EventEnvelope<DeploymentRequested> request = EventEnvelope.of("test-producer", new DeploymentRequested(id,
                cluster, "trainer", "registry.example.com/ml/train:1", new Resources(2000, 1L << 30, 0),
                Priority.LOW, List.of(), Map.of(), UUID.randomUUID(), null, null, null, 3, null), Clock.systemUTC());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.DEPLOYMENT_REQUESTED, cluster.toString(),
                    new EventCodec().encode(request))).get();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (api.request().get("/api/v1/deployments/" + id).statusCode() == 404 && System.nanoTime() < deadline) {
            Thread.sleep(50); // the event is taken in moments after it was sent
        }
        JsonPath running = api.untilStatus(id.toString(), "RUNNING");

        assertThat(running.getInt("replicasRunning")).isEqualTo(3);
        assertThat(((Number) SchedulerApi.claimsWhenHeldBy(cluster, id.toString()).get(id.toString())
                .get("cpuMillis")).longValue()).isEqualTo(6000);
    }

    @Test
    void replicasOutOfRangeOrALeastBeyondTheClusterAreRefusedAndNothingIsStored() {
        UUID cluster = api.newCluster("4", "16Gi");
        Map<Map<String, Object>, String> wrongs = Map.of(Map.of("replicas", 0), "replicas",
                Map.of("replicas", 1001), "replicas", Map.of("replicas", 4, "minReplicas", 5), "minReplicas",
                Map.of("minReplicas", 2), "minReplicas", Map.of("replicas", 4, "minReplicas", 0), "minReplicas");
        wrongs.forEach((wrong, field) -> {
            Map<String, Object> request = deployment(cluster, "gang", "LOW", "1");
            request.putAll(wrong);
            api.request().body(request).post("/api/v1/deployments").then().statusCode(422)
                    .body("errors[0].field", equalTo(field));
        });
        Map<String, Object> tooBig = deployment(cluster, "gang", "LOW", "1");
        tooBig.put("replicas", 8);
        tooBig.put("minReplicas", 5);
        api.request().body(tooBig).post("/api/v1/deployments").then().statusCode(422)
                .body("code", equalTo("EXCEEDS_CLUSTER_CAPACITY"))
                .body("detail", containsString("5 replicas"));
        api.request().get("/api/v1/deployments?clusterId=" + cluster).then().statusCode(200)
                .body("items", empty());
    }

    /** A deployment of one CPU, once it runs. */
    private String runningOneCpu(UUID cluster) throws InterruptedException {
        String blocker = api.submit(deployment(cluster, "blocker", "LOW", "1"));
        api.untilStatus(blocker, "RUNNING");
        return blocker;
    }

    /** A gang of replicas of one CPU each; {@code minReplicas} null: all of them. */
    private String submitGang(UUID cluster, int replicas, Integer minReplicas) {
        Map<String, Object> request = deployment(cluster, "trainer", "LOW", "1");
        request.put("replicas", replicas);
        if (minReplicas != null) {
            request.put("minReplicas", minReplicas);
        }
        return api.submit(request);
    }
}
