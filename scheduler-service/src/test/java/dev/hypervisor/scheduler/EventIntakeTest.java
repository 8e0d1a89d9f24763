package dev.hypervisor.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.event.DeploymentRejected;
import dev.hypervisor.common.event.DeploymentRequested;
import dev.hypervisor.common.event.EventCodec;
import dev.hypervisor.common.event.EventEnvelope;
import dev.hypervisor.common.event.Topics;
import dev.hypervisor.common.resources.Resources;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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

/**
 * The Kafka door, against a real broker: an unreadable event (not JSON, nested thousands deep, or most of a
 * megabyte of noise) is skipped without blocking what follows it on its partition, and a request the intake
 * refuses (a bad image, or labels far beyond what is allowed) is answered by exactly one
 * {@code DeploymentRejected} event, however often it is delivered.
 */
@QuarkusTest
class EventIntakeTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final EventCodec codec = new EventCodec();

    @Test
    void unreadableEventsAreSkippedAndRefusedRequestsAreRejectedOnce() throws Exception {
        UUID cluster = UUID.randomUUID();
        EventEnvelope<DeploymentRequested> invalid = request(cluster, "Not An Image!", Map.of());
        Map<String, String> hugeLabels = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            hugeLabels.put("label-" + i, "v".repeat(4_000));
        }
        EventEnvelope<DeploymentRequested> oversized = request(cluster, "registry.example.com/ml/train:1", hugeLabels);
        EventEnvelope<DeploymentRequested> marker = request(cluster, "Also Not An Image!", Map.of());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                new ByteArraySerializer())) {
            // all on one partition (one key), in this order
            producer.send(new ProducerRecord<>(Topics.DEPLOYMENT_REQUESTED, cluster.toString(),
                    "{not json".getBytes())).get();
            producer.send(new ProducerRecord<>(Topics.DEPLOYMENT_REQUESTED, cluster.toString(),
                    codec.encode(invalid))).get();
            producer.send(new ProducerRecord<>(Topics.DEPLOYMENT_REQUESTED, cluster.toString(),
                    codec.encode(invalid))).get();
            producer.send(new ProducerRecord<>(Topics.DEPLOYMENT_REQUESTED, cluster.toString(),
                    "[".repeat(100_000).getBytes())).get();
            producer.send(new ProducerRecord<>(Topics.DEPLOYMENT_REQUESTED, cluster.toString(),
                    new byte[900_000])).get();
            producer.send(new ProducerRecord<>(Topics.DEPLOYMENT_REQUESTED, cluster.toString(),
                    codec.encode(oversized))).get();
            producer.send(new ProducerRecord<>(Topics.DEPLOYMENT_REQUESTED, cluster.toString(),
                    codec.encode(marker))).get();
        }

        List<DeploymentRejected> rejections = rejectionsUntil(cluster, marker.data().deploymentId());

        assertThat(rejections).extracting(DeploymentRejected::deploymentId)
                .containsExactly(invalid.data().deploymentId(), oversized.data().deploymentId(),
                        marker.data().deploymentId());
        assertThat(rejections.get(1).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(rejections.get(0).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(rejections.get(0).reason()).contains("image is not an image reference");
    }

    private EventEnvelope<DeploymentRequested> request(UUID cluster, String image, Map<String, String> labels) {
        return EventEnvelope.of("test-producer", new DeploymentRequested(UUID.randomUUID(), cluster, "train", image,
                new Resources(1000, 1L << 30, 0), Priority.LOW, List.of(), labels, UUID.randomUUID()),
                Clock.systemUTC());
    }

    /** The cluster's rejections on the events topic, in order, up to and including the marker's. */
    private List<DeploymentRejected> rejectionsUntil(UUID cluster, UUID marker) {
        List<DeploymentRejected> rejections = new ArrayList<>();
        boolean found = PublishedEvents.readUntil(bootstrapServers, DEADLINE, event -> {
            if (event instanceof DeploymentRejected rejected && cluster.equals(rejected.clusterId())) {
                rejections.add(rejected);
                return marker.equals(rejected.deploymentId());
            }
            return false;
        });
        if (!found) {
            throw new AssertionError("no rejection of " + marker + " within " + DEADLINE + "; saw " + rejections);
        }
        return rejections;
    }
}
