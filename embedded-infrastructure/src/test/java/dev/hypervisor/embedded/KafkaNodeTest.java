package dev.hypervisor.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node in a process of its own, killed and started again, as the local stack runs it. */
class KafkaNodeTest {

    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path data;

    @Test
    void keepsTopicsRecordsAndCommittedOffsetsWhenKilledAndStartedAgain() throws Exception {
        int port = freePort();
        String bootstrap = "localhost:" + port;
        Process node = start(port);
        try {
            awaitAnswer(node, bootstrap);
            KafkaTopics.createIfMissing(bootstrap, List.of("hypervisor.test"), 3);
            send(bootstrap, "before");
            assertThat(consume(bootstrap, 1)).containsExactly("before"); // and commits its offset

            node.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no clean shutdown
            assertThat(KafkaProbe.answers(bootstrap)).as("a killed node answers").isFalse();

            node = start(port);
            awaitAnswer(node, bootstrap);
            send(bootstrap, "after");
            assertThat(consume(bootstrap, 1)).as("the group goes on from its committed offset")
                    .containsExactly("after");
        } finally {
            node.destroy();
            node.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process start(int port) throws IOException {
        return new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), KafkaNode.class.getName(),
                data.toString(), "localhost", "localhost", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("node.log").toFile()))
                .start();
    }

    private void awaitAnswer(Process node, String bootstrap) throws InterruptedException {
        Instant deadline = Instant.now().plus(START);
        while (!KafkaProbe.answers(bootstrap)) {
            assertThat(node.isAlive()).as(() -> "the node is running; it wrote:\n" + endOfLog()).isTrue();
            assertThat(Instant.now()).as("the node answers in time").isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private String endOfLog() {
        try {
            List<String> lines = Files.readAllLines(data.resolve("node.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void send(String bootstrap, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("hypervisor.test", "key", value)).get();
        }
    }

    /** Reads {@code count} records as the group {@code node-test}, committing what it read. */
    private static List<String> consume(String bootstrap, int count) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "node-test");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<String> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("hypervisor.test"));
            Instant deadline = Instant.now().plus(START);
            while (received.size() < count && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> received.add(record.value()));
            }
            consumer.commitSync();
        }
        return received;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
