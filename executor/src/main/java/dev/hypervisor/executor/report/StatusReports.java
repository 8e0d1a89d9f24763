package dev.hypervisor.executor.report;

import dev.hypervisor.common.deployment.ReportedStatus;
import dev.hypervisor.common.event.DeploymentEvent;
import dev.hypervisor.common.event.DeploymentStatusReported;
import dev.hypervisor.common.event.EventCodec;
import dev.hypervisor.common.event.EventEnvelope;
import dev.hypervisor.common.event.ExecutorHeartbeat;
import dev.hypervisor.common.event.Topics;
import dev.hypervisor.executor.config.ExecutorConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the executor tells Hypervisor, on the status topic, keyed by cluster like every event there: how a
 * deployment ended ({@code DeploymentStatusReported}) and which deployments it runs ({@code ExecutorHeartbeat}).
 * The scheduler takes both in order with the rest of the cluster's changes, as it does the API's reports. A report
 * returns once the broker has it, so the executor notes a Job reported only when it is.
 */
@ApplicationScoped
public class StatusReports {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(15);

    private final EventCodec codec = new EventCodec();
    private final KafkaProducer<String, byte[]> producer;
    private final String executorId;
    private final Clock clock;
    private final MeterRegistry metrics;

    public StatusReports(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                         ExecutorConfig config, Clock clock, MeterRegistry metrics) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new ByteArraySerializer());
        this.executorId = config.id();
        this.clock = clock;
        this.metrics = metrics;
    }

    public void report(UUID deploymentId, UUID clusterId, ReportedStatus status, String message) {
        send(new DeploymentStatusReported(deploymentId, clusterId, status, message));
        metrics.counter("hv.executor.reports", "status", status.name()).increment();
    }

    public void heartbeat(UUID clusterId, List<UUID> running, Instant seenUntil) {
        send(new ExecutorHeartbeat(clusterId, executorId, running, seenUntil));
        metrics.counter("hv.executor.heartbeats").increment();
    }

    private void send(DeploymentEvent event) {
        EventEnvelope<DeploymentEvent> envelope = EventEnvelope.of(executorId, event, clock);
        try {
            producer.send(new ProducerRecord<>(Topics.DEPLOYMENT_STATUS, envelope.key(), codec.encode(envelope)))
                    .get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | KafkaException | IllegalStateException e) {
            // IllegalStateException: the producer is closed, the executor stopping
            throw new ReportNotSentException("Kafka did not take the report: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReportNotSentException("interrupted while sending a report", e);
        }
    }

    void close(@Observes ShutdownEvent stopping) {
        producer.close(Duration.ofSeconds(5));
    }
}
