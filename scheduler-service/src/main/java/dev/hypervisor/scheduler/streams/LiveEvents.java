package dev.hypervisor.scheduler.streams;

import dev.hypervisor.common.event.EventCodec;
import dev.hypervisor.common.event.Topics;
import dev.hypervisor.common.event.UnreadableEventException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Every deployment event as it is published, for the streams this instance serves: one consumer per instance
 * reads every partition of {@code hypervisor.deployment.events} from its end (no consumer group: each instance sees
 * everything, so any instance can serve any stream), and hands each event to the watchers of its deployment and of
 * its cluster. A thousand streams cost a thousand map entries, not a thousand consumers.
 *
 * <p>It also keeps the last {@link #RECENT} events: the relay publishes an event before the transaction that
 * records it in the timeline commits, so a stream that opens in between finds it in neither the timeline nor what
 * comes after it; it is in here.
 */
@ApplicationScoped
public class LiveEvents {

    private static final Logger LOG = Logger.getLogger(LiveEvents.class);
    static final int RECENT = 10_000;

    private final EventCodec codec;
    private final String bootstrapServers;
    private final Map<UUID, Set<EventWatcher>> byDeployment = new ConcurrentHashMap<>();
    private final Map<UUID, Set<EventWatcher>> byCluster = new ConcurrentHashMap<>();
    private final Deque<StreamedEvent> recent = new ArrayDeque<>();
    private volatile boolean running = true;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public LiveEvents(EventCodec codec, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.codec = codec;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent started) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // an event goes out as soon as the broker has it; fetches wait no longer when there is none
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100), new StringDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::run, "live-events");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            thread.join(5_000);
        }
    }

    /** Follows the deployment's events from now on; answers what was published of it lately. */
    public List<StreamedEvent> watchDeployment(UUID deploymentId, EventWatcher watcher) {
        byDeployment.computeIfAbsent(deploymentId, id -> ConcurrentHashMap.newKeySet()).add(watcher);
        return recent(event -> deploymentId.equals(event.deploymentId()));
    }

    /** Follows the cluster's events from now on; answers what was published of it lately. */
    public List<StreamedEvent> watchCluster(UUID clusterId, EventWatcher watcher) {
        byCluster.computeIfAbsent(clusterId, id -> ConcurrentHashMap.newKeySet()).add(watcher);
        return recent(event -> clusterId.equals(event.clusterId()));
    }

    /** How many watchers follow events now. */
    public int watchers() {
        return Stream.concat(byDeployment.values().stream(), byCluster.values().stream()).mapToInt(Set::size).sum();
    }

    private synchronized List<StreamedEvent> recent(Predicate<StreamedEvent> about) {
        return recent.stream().filter(about).toList();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            while (running && partitions.isEmpty()) {
                try {
                    consumer.partitionsFor(Topics.DEPLOYMENT_EVENTS).forEach(partition ->
                            partitions.add(new TopicPartition(partition.topic(), partition.partition())));
                } catch (KafkaException notYet) {
                    LOG.debugf("the events topic cannot be read yet (%s)", notYet.getMessage());
                }
                if (partitions.isEmpty()) {
                    Thread.sleep(500);
                }
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            while (running) {
                try {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        deliver(record.value());
                    }
                } catch (KafkaException e) {
                    if (e instanceof WakeupException) {
                        throw e;
                    }
                    LOG.warnf("reading the events for streams failed (%s); retrying", e.getMessage());
                    Thread.sleep(1_000);
                }
            }
        } catch (WakeupException stopping) {
            // the service is stopping
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "the event streams' consumer stopped");
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void deliver(byte[] payload) {
        StreamedEvent event;
        try {
            event = StreamedEvent.of(payload, codec);
        } catch (UnreadableEventException skipped) {
            return;
        }
        synchronized (this) {
            recent.addLast(event);
            if (recent.size() > RECENT) {
                recent.removeFirst();
            }
        }
        if (event.deploymentId() != null) {
            offer(byDeployment, event.deploymentId(), event);
        }
        offer(byCluster, event.clusterId(), event);
    }

    private static void offer(Map<UUID, Set<EventWatcher>> watchers, UUID key, StreamedEvent event) {
        Set<EventWatcher> watching = watchers.get(key);
        if (watching == null) {
            return;
        }
        Collection<EventWatcher> gone = new ArrayList<>();
        for (EventWatcher watcher : watching) {
            if (watcher.closed()) {
                gone.add(watcher);
            } else {
                watcher.offer(event);
            }
        }
        watching.removeAll(gone);
        watchers.computeIfPresent(key, (id, left) -> left.isEmpty() ? null : left);
    }

    /** Stops handing events to watchers that have closed (each is also dropped at its next event). */
    public void forgetClosed() {
        Stream.of(byDeployment, byCluster).forEach(watchers -> watchers.replaceAll((key, watching) -> {
            watching.removeIf(EventWatcher::closed);
            return watching;
        }));
        Stream.of(byDeployment, byCluster).forEach(watchers -> watchers.values().removeIf(Set::isEmpty));
    }
}
