package dev.hypervisor.scheduler;

import dev.hypervisor.common.event.DeploymentEvent;
import dev.hypervisor.common.event.EventCodec;
import dev.hypervisor.common.event.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The scheduler's {@code hypervisor.deployment.events} topic, read from the beginning as any consumer could. */
final class PublishedEvents {

    private PublishedEvents() {
    }

    /**
     * Hands the events published so far, and those that follow, to {@code reader} in order until it answers true
     * or the timeout passes; answers whether the reader was satisfied.
     */
    static boolean readUntil(String bootstrapServers, Duration timeout, Predicate<DeploymentEvent> reader) {
        EventCodec codec = new EventCodec();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DEPLOYMENT_EVENTS));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (reader.test(codec.decode(record.value()).data())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
