package dev.hypervisor.embedded;

import java.util.Collection;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node Kafka (KRaft, one combined broker and controller) running inside this JVM, from Kafka's
 * own test kit: what the services' tests run on. It listens on a free port ({@link #bootstrapServers()} says
 * which) and keeps its logs in a temporary directory gone when it closes. The local stack runs a {@link KafkaNode}
 * instead, which keeps its data and port across restarts.
 *
 * <p>Topics are not created on first use: whoever starts the broker creates the topics the system declares,
 * so a misspelt topic name fails loudly instead of silently making a new one.
 */
public final class KafkaBroker implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    private KafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** Starts a broker. */
    public static KafkaBroker start() {
        TestKitNodes.Builder nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1);
        KafkaClusterTestKit cluster = null;
        try {
            cluster = new KafkaClusterTestKit.Builder(nodes.build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "6")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new KafkaBroker(cluster);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            closeQuietly(cluster);
            throw new IllegalStateException("Kafka did not start: " + e.getMessage(), e);
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Creates each topic that does not exist yet, with the given number of partitions. */
    public void createTopics(Collection<String> names, int partitions) {
        KafkaTopics.createIfMissing(bootstrapServers(), names, partitions);
    }

    @Override
    public void close() {
        closeQuietly(cluster);
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // Stopping is best effort: the process is usually on its way out.
        }
    }
}
