package dev.hypervisor.cluster.messaging;

import dev.hypervisor.cluster.domain.LiveDeployments;
import dev.hypervisor.cluster.persistence.LiveDeploymentRepository;
import dev.hypervisor.common.event.DeploymentEvent;
import dev.hypervisor.common.event.EventCodec;
import dev.hypervisor.common.event.Topics;
import dev.hypervisor.common.event.UnreadableEventException;
import dev.hypervisor.runtime.lifecycle.BackgroundWorker;
import dev.hypervisor.runtime.kafka.CommittingPollLoop;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Follows the scheduler's events ({@code hypervisor.deployment.events}) to know which deployments are alive on
 * each cluster ({@link LiveDeployments}), so that a cluster with pending or running deployments is not deleted.
 * Each poll's events are applied in one transaction, then committed; a batch that cannot be applied is tried
 * again, waiting longer each time; an event that cannot be read is skipped. Applying events again is harmless.
 */
@ApplicationScoped
public class DeploymentActivity {

    private static final Logger LOG = Logger.getLogger(DeploymentActivity.class);

    private final LiveDeploymentRepository live;
    private final EventCodec codec = new EventCodec();
    private final Clock clock;
    private final String bootstrapServers;
    private volatile BackgroundWorker worker;
    private KafkaConsumer<String, byte[]> consumer;

    public DeploymentActivity(LiveDeploymentRepository live, Clock clock,
                              @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.live = live;
        this.clock = clock;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent started) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, "cluster-service");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A first start reads what the topic still holds, so clusters that already have deployments are known.
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        // Nothing waits on this (it only guards deletes), so fetch in batches, at most 100 ms late: under load a
        // poll and a commit for every few events cost this service and the broker more than the events did.
        settings.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024);
        settings.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
        worker = new BackgroundWorker("deployment-activity", this::run);
        worker.start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (worker != null) {
            worker.stop();
            consumer.wakeup();
        }
    }

    private void run() {
        consumer.subscribe(List.of(Topics.DEPLOYMENT_EVENTS));
        CommittingPollLoop.run(consumer, worker::running, records -> record(LiveDeployments.after(read(records))),
                LOG, "following deployment events");
    }

    private List<DeploymentEvent> read(ConsumerRecords<String, byte[]> records) {
        List<DeploymentEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(codec.decode(record.value()).data());
            } catch (UnreadableEventException e) {
                LOG.warnf("skipping an unreadable event at %s-%d@%d: %s", record.topic(), record.partition(),
                        record.offset(), e.getMessage());
            }
        }
        return events;
    }

    /** Records what the events say, trying again (in order) while the database cannot answer. */
    private void record(LiveDeployments change) {
        if (change.isEmpty()) {
            return;
        }
        CommittingPollLoop.untilDone(worker::running, () -> {
            try {
                QuarkusTransaction.requiringNew().run(() -> live.apply(change, clock.instant()));
                return true;
            } catch (RuntimeException e) {
                LOG.warnf("recording deployment events failed (%s); retrying", e.getMessage());
                return false;
            }
        });
    }
}
