package dev.hypervisor.scheduler.messaging;

import dev.hypervisor.common.event.DeploymentEvent;
import dev.hypervisor.common.event.DeploymentRequested;
import dev.hypervisor.common.event.DeploymentStatusReported;
import dev.hypervisor.common.event.EventCodec;
import dev.hypervisor.common.event.EventEnvelope;
import dev.hypervisor.common.event.Topics;
import dev.hypervisor.common.event.UnreadableEventException;
import dev.hypervisor.common.problem.ProblemException;
import dev.hypervisor.scheduler.service.DeploymentIntake;
import dev.hypervisor.scheduler.service.DeploymentLifecycle;
import dev.hypervisor.scheduler.service.Submission;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The Kafka door: {@code DeploymentRequested} events go through the same intake as the REST API, executors'
 * {@code DeploymentStatusReported} events through the same lifecycle. Offsets are committed after an event is
 * handled, so delivery is at least once; handling is idempotent (a requested deployment that exists is not
 * submitted again, a report on a deployment that is no longer running changes nothing). A request the intake
 * refuses becomes a {@code DeploymentRejected} event; an event that cannot be read is logged and skipped, so it
 * never blocks its partition.
 */
@ApplicationScoped
public class EventIntake {

    private static final Logger LOG = Logger.getLogger(EventIntake.class);

    private final DeploymentIntake intake;
    private final DeploymentLifecycle lifecycle;
    private final Rejections rejections;
    private final EventCodec codec;
    private final String bootstrapServers;
    private final String groupId;
    private volatile boolean running;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public EventIntake(DeploymentIntake intake, DeploymentLifecycle lifecycle, Rejections rejections,
                       EventCodec codec, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                       @ConfigProperty(name = "hv.scheduler.consumer-group", defaultValue = "scheduler-service")
                       String groupId) {
        this.intake = intake;
        this.lifecycle = lifecycle;
        this.rejections = rejections;
        this.codec = codec;
        this.bootstrapServers = bootstrapServers;
        this.groupId = groupId;
    }

    void start(@Observes StartupEvent started) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::run, "event-intake");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.DEPLOYMENT_REQUESTED, Topics.DEPLOYMENT_STATUS));
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> record : records) {
                    handleSafely(record);
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException stopping) {
            // the service is stopping
        } catch (RuntimeException e) {
            LOG.errorf(e, "the event intake stopped");
        } finally {
            consumer.close();
        }
    }

    private void handleSafely(ConsumerRecord<String, byte[]> record) {
        EventEnvelope<DeploymentEvent> event;
        try {
            event = codec.decode(record.value());
        } catch (UnreadableEventException e) {
            LOG.warnf("skipping an unreadable event at %s-%d@%d: %s", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        boolean handled = false;
        while (!handled && running) {
            try {
                handle(event);
                handled = true;
            } catch (ProblemException refused) {
                rejections.reject(event, refused.problem().code(), refused.problem().detail());
                handled = true;
            } catch (RuntimeException e) {
                // Our own trouble (a database or cluster-service outage): try the same event again, in order.
                LOG.warnf("handling event %s failed (%s); retrying", event.id(), e.getMessage());
                pause();
            }
        }
    }

    private void handle(EventEnvelope<DeploymentEvent> event) {
        if (event.data() instanceof DeploymentRequested requested) {
            intake.submitEvent(new Submission(
                    requested.deploymentId() == null ? event.id() : requested.deploymentId(),
                    requested.clusterId(), requested.name(), requested.image(), requested.resources(),
                    requested.priority(), requested.dependsOn(), requested.labels(),
                    requested.requestedBy() == null ? event.source() : requested.requestedBy().toString()));
        } else if (event.data() instanceof DeploymentStatusReported report) {
            lifecycle.reportEvent(report.deploymentId(), report.status(), report.message());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
