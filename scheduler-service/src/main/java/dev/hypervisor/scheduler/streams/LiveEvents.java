package dev.hypervisor.scheduler.streams;

import dev.hypervisor.common.event.EventCodec;
import dev.hypervisor.common.event.Topics;
import dev.hypervisor.common.event.UnreadableEventException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Every deployment event as it is published, for the streams this instance serves: one consumer per instance
 * reads every partition of {@code hypervisor.deployment.events} (no consumer group: each instance sees everything,
 * so any instance can serve any stream) and hands each event to the watchers of its deployment and of its cluster.
 * A thousand streams cost a thousand map entries, not a thousand consumers.
 *
 * <p>It costs nothing until the first stream opens: the consumer starts then, from {@link #RECENT_PAST} ago, and
 * the first stream waits (at most {@link #CATCH_UP}) until it has read up to where the topic ended when it started.
 * An event is decoded only when its cluster is watched (the record key names the cluster).
 *
 * <p>It also keeps the last {@link #RECENT} events (as published): the relay publishes an event before the
 * transaction that records it in the timeline commits, so a stream that opens in between finds it in neither the
 * timeline nor what comes after it; it is in here.
 */
@ApplicationScoped
public class LiveEvents {

    private static final Logger LOG = Logger.getLogger(LiveEvents.class);
    static final int RECENT = 10_000;
    static final Duration RECENT_PAST = Duration.ofSeconds(30);
    static final Duration CATCH_UP = Duration.ofSeconds(5);

    /** An event as it came: its cluster (the record key) and its bytes, decoded when someone asks for it. */
    private record Published(UUID clusterId, byte[] payload) {
    }

    private final EventCodec codec;
    private final Clock clock;
    private final String bootstrapServers;
    private final Map<UUID, Set<EventWatcher>> byDeployment = new ConcurrentHashMap<>();
    private final Map<UUID, Set<EventWatcher>> byCluster = new ConcurrentHashMap<>();
    /** The clusters watched, of their deployments or of themselves: only their events are decoded. */
    private final Set<UUID> watchedClusters = ConcurrentHashMap.newKeySet();
    /** Held while watchers are added or let go, so that no cluster is forgotten as it is being watched. */
    private final Object watchers = new Object();
    private final Deque<Published> recent = new ArrayDeque<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running = true;
    private KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public LiveEvents(EventCodec codec, Clock clock,
                      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.codec = codec;
        this.clock = clock;
        this.bootstrapServers = bootstrapServers;
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        Thread following;
        synchronized (this) {
            running = false;
            following = thread;
            if (consumer != null) {
                consumer.wakeup();
            }
        }
        if (following != null) {
            following.join(5_000);
        }
    }

    /** Follows the deployment's events from now on; answers what was published of it lately. */
    public List<StreamedEvent> watchDeployment(UUID clusterId, UUID deploymentId, EventWatcher watcher) {
        startFollowing();
        synchronized (watchers) {
            watchedClusters.add(clusterId);
            byDeployment.computeIfAbsent(deploymentId, id -> ConcurrentHashMap.newKeySet()).add(watcher);
        }
        return recent(clusterId).stream().filter(event -> deploymentId.equals(event.deploymentId())).toList();
    }

    /** Follows the cluster's events from now on; answers what was published of it lately. */
    public List<StreamedEvent> watchCluster(UUID clusterId, EventWatcher watcher) {
        startFollowing();
        synchronized (watchers) {
            watchedClusters.add(clusterId);
            byCluster.computeIfAbsent(clusterId, id -> ConcurrentHashMap.newKeySet()).add(watcher);
        }
        return recent(clusterId);
    }

    /** Stops handing events to watchers that have closed, and reading the events of clusters no one watches. */
    public void forgetClosed() {
        synchronized (watchers) {
            Stream.of(byDeployment, byCluster).forEach(watched -> {
                watched.values().forEach(watching -> watching.removeIf(EventWatcher::closed));
                watched.values().removeIf(Set::isEmpty);
            });
            Set<UUID> stillWatched = new HashSet<>();
            Stream.concat(byDeployment.values().stream(), byCluster.values().stream()).flatMap(Set::stream)
                    .forEach(watcher -> stillWatched.add(watcher.clusterId()));
            watchedClusters.retainAll(stillWatched);
        }
    }

    private List<StreamedEvent> recent(UUID clusterId) {
        List<byte[]> payloads = new ArrayList<>();
        synchronized (recent) {
            recent.stream().filter(event -> event.clusterId().equals(clusterId))
                    .forEach(event -> payloads.add(event.payload()));
        }
        List<StreamedEvent> events = new ArrayList<>();
        for (byte[] payload : payloads) {
            decode(payload).ifPresent(events::add);
        }
        return events;
    }

    /** Starts the consumer the first time a stream opens, and waits until it has caught up. */
    private void startFollowing() {
        synchronized (this) {
            if (thread == null && running) {
                consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                        // an event goes out as soon as the broker has it; fetches wait no longer when there is none
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100), new StringDeserializer(),
                        new ByteArrayDeserializer());
                thread = new Thread(this::run, "live-events");
                thread.setDaemon(true);
                thread.start();
            }
        }
        try {
            if (!caughtUp.await(CATCH_UP.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("the event streams' consumer has not caught up yet; a stream opened now may miss an event");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            List<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            seekToRecentPast(partitions);
            while (running) {
                try {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        deliver(record);
                    }
                    if (caughtUp.getCount() > 0 && end.entrySet().stream()
                            .allMatch(partition -> consumer.position(partition.getKey()) >= partition.getValue())) {
                        caughtUp.countDown();
                    }
                } catch (WakeupException stopping) {
                    throw stopping;
                } catch (KafkaException e) {
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
            caughtUp.countDown();
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private List<TopicPartition> partitions() throws InterruptedException {
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
        return partitions;
    }

    /** From {@link #RECENT_PAST} ago, so that what was published just before the first stream is recent. */
    private void seekToRecentPast(List<TopicPartition> partitions) {
        long since = clock.instant().minus(RECENT_PAST).toEpochMilli();
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, since));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times);
        List<TopicPartition> quiet = new ArrayList<>();
        offsets.forEach((partition, offset) -> {
            if (offset == null) {
                quiet.add(partition); // nothing since then
            } else {
                consumer.seek(partition, offset.offset());
            }
        });
        consumer.seekToEnd(quiet);
    }

    private void deliver(ConsumerRecord<String, byte[]> record) {
        UUID clusterId;
        try {
            clusterId = UUID.fromString(record.key());
        } catch (IllegalArgumentException | NullPointerException notAnEventOfACluster) {
            return;
        }
        synchronized (recent) {
            recent.addLast(new Published(clusterId, record.value()));
            if (recent.size() > RECENT) {
                recent.removeFirst();
            }
        }
        if (!watchedClusters.contains(clusterId)) {
            return; // nobody watches this cluster: no need to read the event
        }
        decode(record.value()).ifPresent(event -> {
            if (event.deploymentId() != null) {
                offer(byDeployment.get(event.deploymentId()), event);
            }
            offer(byCluster.get(event.clusterId()), event);
        });
    }

    private Optional<StreamedEvent> decode(byte[] payload) {
        try {
            return Optional.of(StreamedEvent.of(payload, codec));
        } catch (UnreadableEventException skipped) {
            return Optional.empty();
        }
    }

    private static void offer(Set<EventWatcher> watching, StreamedEvent event) {
        if (watching != null) {
            watching.forEach(watcher -> watcher.offer(event));
        }
    }
}
