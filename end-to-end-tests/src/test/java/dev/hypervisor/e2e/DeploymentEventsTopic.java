package dev.hypervisor.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypervisor.common.event.DeploymentEvent;
import dev.hypervisor.common.event.DeploymentPlaced;
import dev.hypervisor.common.event.DeploymentPreempted;
import dev.hypervisor.common.event.EventCodec;
import dev.hypervisor.common.event.EventEnvelope;
import dev.hypervisor.common.event.EventType;
import dev.hypervisor.common.event.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The stack's {@code hypervisor.deployment.events} topic, read from the beginning as any consumer could. */
final class DeploymentEventsTopic {

    private DeploymentEventsTopic() {
    }

    /**
     * Per deployment, the distinct placement events published for it so far: a redelivery repeats an event id, a
     * second placement would be a second id.
     */
    static Map<String, Set<UUID>> placementsOf(StackUnderTest stack, Set<String> deployments) throws Exception {
        Map<String, Set<UUID>> placements = new HashMap<>();
        readAll(stack, event -> {
            if (event.data() instanceof DeploymentPlaced placed
                    && deployments.contains(placed.deploymentId().toString())) {
                placements.computeIfAbsent(placed.deploymentId().toString(), id -> new HashSet<>()).add(event.id());
            }
        });
        return placements;
    }

    /**
     * Per deployment, the types of the events published about it so far in the order a consumer reads them (all of
     * a deployment's events share its cluster's partition), each event once however often it was delivered.
     */
    static Map<String, List<String>> historiesOf(StackUnderTest stack, Set<String> deployments) throws Exception {
        Map<String, List<String>> histories = new HashMap<>();
        Set<UUID> seen = new HashSet<>();
        readAll(stack, event -> {
            String deployment = event.data().deploymentId().toString();
            if (deployments.contains(deployment) && seen.add(event.id())) {
                histories.computeIfAbsent(deployment, id -> new ArrayList<>())
                        .add(EventType.of(event.data()).typeName());
            }
        });
        return histories;
    }

    /** Per deployment, the reasons of the preemptions published for it so far, in order, each event once. */
    static Map<String, List<String>> preemptionReasonsOf(StackUnderTest stack, Set<String> deployments)
            throws Exception {
        Map<String, List<String>> reasons = new HashMap<>();
        Set<UUID> seen = new HashSet<>();
        readAll(stack, event -> {
            if (event.data() instanceof DeploymentPreempted preempted && seen.add(event.id())
                    && deployments.contains(preempted.deploymentId().toString())) {
                reasons.computeIfAbsent(preempted.deploymentId().toString(), id -> new ArrayList<>())
                        .add(preempted.reason());
            }
        });
        return reasons;
    }

    /** Hands every event on the topic, from the first to the last there now, to {@code reader}. */
    private static void readAll(StackUnderTest stack, Consumer<EventEnvelope<DeploymentEvent>> reader)
            throws Exception {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        EventCodec codec = new EventCodec();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> topic = consumer.partitionsFor(Topics.DEPLOYMENT_EVENTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(topic);
            consumer.seekToBeginning(topic);
            Map<TopicPartition, Long> end = consumer.endOffsets(topic);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (topic.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                assertThat(System.nanoTime()).as("reading the events topic").isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    reader.accept(codec.decode(record.value()));
                }
            }
        }
    }
}
