package dev.hypervisor.executor;

import dev.hypervisor.common.event.DeploymentEvent;
import dev.hypervisor.common.event.EventCodec;
import dev.hypervisor.common.event.EventEnvelope;
import dev.hypervisor.common.event.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The two topics the executor works between, as the scheduler sees them: the test publishes deployment events as
 * the scheduler would, and everything the executor writes on the status topic is kept, in order, for the test
 * to wait for and count.
 */
final class StatusTopic implements AutoCloseable {

    private final EventCodec codec = new EventCodec();
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<EventEnvelope<DeploymentEvent>> written = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean open = true;

    StatusTopic(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.DEPLOYMENT_STATUS));
        reader = new Thread(() -> {
            while (open) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    written.add(codec.decode(record.value()));
                }
            }
            consumer.close();
        }, "status-topic-reader");
        reader.start();
    }

    /** Publishes a deployment event as the scheduler does: keyed by its cluster, on the events topic. */
    void publish(DeploymentEvent event) {
        EventEnvelope<DeploymentEvent> envelope = EventEnvelope.of("scheduler-service", event,
                java.time.Clock.systemUTC());
        try {
            producer.send(new ProducerRecord<>(Topics.DEPLOYMENT_EVENTS, envelope.key(), codec.encode(envelope)))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + event, e);
        }
    }

    /** What the executor wrote of this kind and matching, so far. */
    <T extends DeploymentEvent> List<EventEnvelope<T>> written(Class<T> kind, Predicate<T> matching) {
        @SuppressWarnings("unchecked")
        List<EventEnvelope<T>> found = written.stream().filter(envelope -> kind.isInstance(envelope.data()))
                .map(envelope -> (EventEnvelope<T>) (EventEnvelope<?>) envelope)
                .filter(envelope -> matching.test(envelope.data())).toList();
        return found;
    }

    /** Waits (up to 30 s) for the first record of this kind matching; fails the test when none comes. */
    <T extends DeploymentEvent> EventEnvelope<T> await(Class<T> kind, Predicate<T> matching) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<EventEnvelope<T>> found = written(kind, matching);
            if (!found.isEmpty()) {
                return found.get(0);
            }
            pause();
        }
        throw new AssertionError("the executor wrote no " + kind.getSimpleName() + " as expected within 30 s");
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        open = false;
        reader.join(5_000);
        producer.close();
    }
}
