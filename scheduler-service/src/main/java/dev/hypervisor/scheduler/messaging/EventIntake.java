package dev.hypervisor.scheduler.messaging;

import dev.hypervisor.common.event.DeploymentEvent;
import dev.hypervisor.common.event.DeploymentRequested;
import dev.hypervisor.common.event.DeploymentStatusReported;
import dev.hypervisor.common.event.EventCodec;
import dev.hypervisor.common.event.EventEnvelope;
import dev.hypervisor.common.event.ExecutorHeartbeat;
import dev.hypervisor.common.event.Topics;
import dev.hypervisor.runtime.kafka.CommittingPollLoop;
import dev.hypervisor.common.event.UnreadableEventException;
import dev.hypervisor.scheduler.clusters.ClusterOwnership;
import dev.hypervisor.scheduler.config.SchedulerConfig;
import dev.hypervisor.scheduler.scheduling.SchedulingLoop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
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
 *
 * <p>The consumer group also decides which instance schedules which clusters: the intake partitions assigned
 * here are this instance's ({@link ClusterOwnership}), and on each assignment it takes up their clusters.
 */
@ApplicationScoped
public class EventIntake {

    private static final Logger LOG = Logger.getLogger(EventIntake.class);

    private final ClusterEvents clusterEvents;
    private final ClusterOwnership ownership;
    private final SchedulingLoop loop;
    private final EventCodec codec;
    private final String bootstrapServers;
    private final String groupId;
    private final Duration sessionTimeout;
    private volatile boolean running;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public EventIntake(ClusterEvents clusterEvents, ClusterOwnership ownership, SchedulingLoop loop, EventCodec codec,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                       SchedulerConfig config) {
        this.clusterEvents = clusterEvents;
        this.ownership = ownership;
        this.loop = loop;
        this.codec = codec;
        this.bootstrapServers = bootstrapServers;
        this.groupId = config.consumerGroup();
        this.sessionTimeout = config.intakeSessionTimeout();
    }

    void start(@Observes StartupEvent started) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        // How soon the clusters of an instance that died (without leaving the group) go to the others: Kafka's
        // default of 45 s would leave them unscheduled that long.
        settings.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
        settings.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.max(500, sessionTimeout.toMillis() / 4));
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
        consumer.subscribe(List.of(Topics.DEPLOYMENT_REQUESTED, Topics.DEPLOYMENT_STATUS), new Ownership());
        // A batch is handled again and again while something of ours cannot answer: its events must be decided
        // in order.
        CommittingPollLoop.run(consumer, () -> running,
                records -> {
                    Batch batch = read(records);
                    CommittingPollLoop.untilDone(() -> running, () -> handled(batch));
                }, LOG, "the event intake");
    }

    /**
     * Called within {@code poll}, so never while a batch is being handled: a revoked partition's events are all
     * handled (and their offsets committed) before another instance takes it.
     */
    private final class Ownership implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            ownership.revoked(intakePartitions(partitions));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            int partitionsOfTopic = consumer.partitionsFor(Topics.DEPLOYMENT_REQUESTED).size();
            ownership.assigned(intakePartitions(partitions), partitionsOfTopic);
            LOG.infof("scheduling the clusters of intake partitions %s (of %d)", ownership.partitions(),
                    partitionsOfTopic);
            loop.adopt();
        }

        private static List<Integer> intakePartitions(Collection<TopicPartition> partitions) {
            return partitions.stream().filter(partition -> Topics.DEPLOYMENT_REQUESTED.equals(partition.topic()))
                    .map(TopicPartition::partition).toList();
        }
    }

    /** A poll's events, by cluster, in order; unreadable ones are left out. */
    private record Batch(Map<UUID, List<EventEnvelope<DeploymentRequested>>> requests,
                         Map<UUID, List<DeploymentStatusReported>> reports,
                         Map<UUID, List<EventEnvelope<ExecutorHeartbeat>>> heartbeats) {
    }

    private Batch read(ConsumerRecords<String, byte[]> records) {
        Batch batch = new Batch(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                EventEnvelope<DeploymentEvent> event = codec.decode(record.value());
                if (event.data() instanceof DeploymentRequested requested) {
                    batch.requests().computeIfAbsent(requested.clusterId(), id -> new ArrayList<>())
                            .add(new EventEnvelope<>(event.id(), event.type(), event.time(), event.source(),
                                    event.subject(), event.schemaVersion(), requested));
                } else if (event.data() instanceof DeploymentStatusReported report) {
                    batch.reports().computeIfAbsent(report.clusterId(), id -> new ArrayList<>()).add(report);
                } else if (event.data() instanceof ExecutorHeartbeat heartbeat) {
                    batch.heartbeats().computeIfAbsent(heartbeat.clusterId(), id -> new ArrayList<>())
                            .add(new EventEnvelope<>(event.id(), event.type(), event.time(), event.source(),
                                    event.subject(), event.schemaVersion(), heartbeat));
                }
            } catch (UnreadableEventException e) {
                LOG.warnf("skipping an unreadable event at %s-%d@%d: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
        return batch;
    }

    /**
     * Handles the batch in one change of all its clusters ({@link ClusterEvents}). False when something of ours
     * failed (a database or cluster-service outage), in which case nothing of it was committed and the whole batch
     * is handled again, which is harmless: handling is idempotent.
     */
    private boolean handled(Batch batch) {
        try {
            clusterEvents.handle(batch.requests(), batch.reports(), batch.heartbeats());
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("handling a poll's events failed (%s); the batch is handled again", e.getMessage());
            return false;
        }
    }

}
