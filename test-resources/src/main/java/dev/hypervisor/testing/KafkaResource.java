package dev.hypervisor.testing;

import dev.hypervisor.common.event.Topics;
import dev.hypervisor.embedded.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A real single-node Kafka broker in the test JVM with the system's topics (six partitions each, as in the local
 * stack), started once for a module's test run. Tests reach it at the {@code kafka.bootstrap.servers} setting.
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {

    public static final int PARTITIONS = 6;

    private KafkaBroker kafka;

    @Override
    public Map<String, String> start() {
        kafka = KafkaBroker.start();
        kafka.createTopics(Topics.ALL, PARTITIONS);
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }
}
