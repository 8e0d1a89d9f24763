package dev.hypervisor.e2e;

import dev.hypervisor.common.event.DeploymentRequested;
import dev.hypervisor.common.event.DeploymentStatusReported;
import dev.hypervisor.common.event.EventCodec;
import dev.hypervisor.common.event.EventEnvelope;
import dev.hypervisor.common.event.Topics;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The stack's {@code hypervisor.deployment.requested} topic, written as an external producer writes it (and the
 * status topic, as an executor writes it).
 */
final class RequestedTopic implements AutoCloseable {

    private final EventCodec codec = new EventCodec();
    private final KafkaProducer<String, byte[]> producer;

    RequestedTopic(StackUnderTest stack) throws IOException {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** Requests the deployment, keyed by its cluster, and waits until Kafka has it. */
    void request(DeploymentRequested requested) throws ExecutionException, InterruptedException {
        requestLater(requested).get();
    }

    /**
     * Requests the deployment without waiting: while the broker is away the record waits in the producer's buffer
     * (for up to two minutes, Kafka's default delivery timeout). The answer completes when Kafka has it.
     */
    Future<RecordMetadata> requestLater(DeploymentRequested requested) {
        EventEnvelope<DeploymentRequested> event = EventEnvelope.of("e2e-test", requested, Clock.systemUTC());
        return producer.send(new ProducerRecord<>(Topics.DEPLOYMENT_REQUESTED, requested.clusterId().toString(),
                codec.encode(event)));
    }

    /** Reports on a deployment as an executor does, keyed by its cluster, and waits until Kafka has it. */
    void report(DeploymentStatusReported report) throws ExecutionException, InterruptedException {
        EventEnvelope<DeploymentStatusReported> event = EventEnvelope.of("e2e-test", report, Clock.systemUTC());
        producer.send(new ProducerRecord<>(Topics.DEPLOYMENT_STATUS, report.clusterId().toString(),
                codec.encode(event))).get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
