package dev.hypervisor.cluster;

import static dev.hypervisor.cluster.Tenants.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypervisor.common.event.EventCodec;
import dev.hypervisor.common.event.EventEnvelope;
import dev.hypervisor.common.event.ExecutorHeartbeat;
import dev.hypervisor.common.event.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A cluster's view shows the executor that serves it ({@code executor}), from the heartbeats on the status topic:
 * the newest one, with the lease it holds until.
 */
@QuarkusTest
class ExecutorViewTest {

    private final Tenants tenants = new Tenants();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void theViewShowsTheNewestHeartbeatAndTheLeaseItHolds() throws Exception {
        UUID cluster = tenants.cluster("4", "8Gi", 0);
        JsonPath before = as(tenants.viewer).get("/api/v1/clusters/" + cluster).then().statusCode(200).extract()
                .jsonPath();
        assertThat(before.getMap("")).doesNotContainKey("executor");

        Instant newer = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(heartbeat(cluster, "k8s-b", newer), heartbeat(cluster, "k8s-a", newer.minusSeconds(5)),
                heartbeat(UUID.randomUUID(), "stray", newer));

        JsonPath view = awaitExecutor(cluster, "k8s-b");
        assertThat(Instant.parse(view.getString("executor.lastHeartbeatAt"))).isEqualTo(newer);
        assertThat(Instant.parse(view.getString("executor.leaseExpiresAt"))).isEqualTo(newer.plusSeconds(30));
    }

    private static EventEnvelope<ExecutorHeartbeat> heartbeat(UUID cluster, String executor, Instant at) {
        return EventEnvelope.of(executor, new ExecutorHeartbeat(cluster, executor, List.of(UUID.randomUUID())),
                Clock.fixed(at, ZoneOffset.UTC));
    }

    private JsonPath awaitExecutor(UUID cluster, String executor) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonPath view = as(tenants.viewer).get("/api/v1/clusters/" + cluster).then().extract().jsonPath();
        while (!executor.equals(view.getString("executor.id")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            view = as(tenants.viewer).get("/api/v1/clusters/" + cluster).then().extract().jsonPath();
        }
        assertThat(view.getString("executor.id")).isEqualTo(executor);
        return view;
    }

    @SafeVarargs
    private void publish(EventEnvelope<ExecutorHeartbeat>... heartbeats) throws Exception {
        EventCodec codec = new EventCodec();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrapServers, "acks", "all"), new StringSerializer(),
                new ByteArraySerializer())) {
            for (EventEnvelope<ExecutorHeartbeat> heartbeat : heartbeats) {
                producer.send(new ProducerRecord<>(Topics.DEPLOYMENT_STATUS, heartbeat.key(),
                        codec.encode(heartbeat))).get();
            }
        }
    }
}
