package dev.hypervisor.scheduler.messaging;

import dev.hypervisor.runtime.lifecycle.BackgroundWorker;
import dev.hypervisor.scheduler.config.SchedulerConfig;
import dev.hypervisor.scheduler.persistence.Outbox;
import dev.hypervisor.scheduler.queue.ClusterChangeCommitted;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to Kafka in the order it was written: in one transaction, a batch is taken out of the
 * outbox (deleted, its rows locked, so instances side by side never send one row at once), sent, and every send
 * acknowledged; only then does the deletion commit, and a failure to send rolls it back. A crash after sending
 * and before committing sends the batch again: delivery is at least once and consumers deduplicate by event id,
 * as DESIGN section 5 says.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;

    private final Outbox outbox;
    private final String bootstrapServers;
    private final long idleMillis;
    private final Object signal = new Object();
    /** Set by {@link #nudge}, so that a nudge during a batch is not lost. */
    private boolean nudged;
    private volatile BackgroundWorker worker;
    private KafkaProducer<String, byte[]> producer;

    public OutboxRelay(Outbox outbox, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                       SchedulerConfig config) {
        this.outbox = outbox;
        this.bootstrapServers = bootstrapServers;
        this.idleMillis = config.outboxPollInterval().toMillis();
    }

    /** A change wrote events to the outbox and committed: publish them now rather than at the next poll. */
    void committed(@Observes ClusterChangeCommitted change) {
        if (change.eventsWritten()) {
            nudge();
        }
    }

    private void nudge() {
        synchronized (signal) {
            nudged = true;
            signal.notifyAll();
        }
    }

    void start(@Observes StartupEvent started) {
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "scheduler-outbox");
        producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
        worker = new BackgroundWorker("outbox-relay", this::run);
        worker.start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (worker != null) {
            worker.stop();
        }
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }

    private void run() {
        while (worker.running()) {
            try {
                int sent = QuarkusTransaction.requiringNew().call(this::publishBatch);
                if (sent < BATCH) {
                    synchronized (signal) {
                        if (!nudged) {
                            signal.wait(idleMillis);
                        }
                        nudged = false;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!worker.running()) {
                    return;
                }
                LOG.warnf("publishing the outbox failed (%s); retrying", e.getMessage());
                sleepQuietly();
            }
        }
    }

    private int publishBatch() throws InterruptedException {
        List<Outbox.Pending> batch = outbox.takeOldest(BATCH);
        if (batch.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (Outbox.Pending event : batch) {
            acks.add(producer.send(new ProducerRecord<>(event.topic(), event.key(), event.payload())));
        }
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("Kafka refused an event: " + e.getCause().getMessage(), e);
            }
        }
        return batch.size(); // committing now ends the batch's deletion, begun when it was taken
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
