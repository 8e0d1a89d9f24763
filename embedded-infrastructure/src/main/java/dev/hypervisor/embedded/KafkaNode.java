package dev.hypervisor.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka (KRaft, broker and controller in one process) on a fixed port and a lasting data
 * directory, started the way Kafka's own scripts start one: {@code kafka-storage format} once, then
 * {@code kafka-server-start server.properties}. Unlike {@link KafkaBroker} it runs in a process of its own, so it
 * can be killed and started again on its data and port, and its clients carry on as with any broker restart.
 *
 * <p>{@code java -cp <classpath> dev.hypervisor.embedded.KafkaNode <data directory> <listen host> <advertised host>
 * <port>} runs until it is terminated ({@code SIGTERM} shuts it down cleanly, {@code SIGKILL} leaves it to recover its logs next start).
 */
public final class KafkaNode {

    private static final String CONTROLLER = "CONTROLLER";
    private static final String CLIENTS = "PLAINTEXT";

    private KafkaNode() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: KafkaNode <data directory> <listen host> <advertised host> <port>");
            System.exit(2);
        }
        Path data = Path.of(args[0]).toAbsolutePath();
        Path configuration = writeConfiguration(data, args[1], args[2], Integer.parseInt(args[3]));
        if (!Files.exists(data.resolve("log").resolve("meta.properties"))) {
            format(configuration);
        }
        kafka.Kafka.main(new String[] {configuration.toString()});
    }

    /**
     * Writes {@code server.properties} into the data directory. The controller listener takes a free port at each
     * start: only this process talks to it, and a single static voter keeps no address in the metadata log.
     */
    private static Path writeConfiguration(Path data, String host, String advertisedHost, int port)
            throws IOException {
        Files.createDirectories(data);
        Properties properties = configuration(data, host, advertisedHost, port, freePort());
        Path file = data.resolve("server.properties");
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, "written by KafkaNode at every start");
        }
        return file;
    }

    private static Properties configuration(Path data, String host, String advertisedHost, int port,
                                            int controllerPort) {
        Properties properties = new Properties();
        properties.setProperty("process.roles", "broker,controller");
        properties.setProperty("node.id", "1");
        properties.setProperty("controller.quorum.voters", "1@localhost:" + controllerPort);
        properties.setProperty("listeners", CLIENTS + "://" + host + ":" + port + "," + CONTROLLER + "://localhost:"
                + controllerPort);
        properties.setProperty("advertised.listeners", CLIENTS + "://" + advertisedHost + ":" + port);
        properties.setProperty("listener.security.protocol.map", CLIENTS + ":PLAINTEXT," + CONTROLLER + ":PLAINTEXT");
        properties.setProperty("controller.listener.names", CONTROLLER);
        properties.setProperty("inter.broker.listener.name", CLIENTS);
        properties.setProperty("log.dirs", data.resolve("log").toString()); // formatted when it has no meta.properties
        // one node: every internal topic has one replica
        properties.setProperty("offsets.topic.replication.factor", "1");
        properties.setProperty("offsets.topic.num.partitions", "6");
        properties.setProperty("transaction.state.log.replication.factor", "1");
        properties.setProperty("transaction.state.log.min.isr", "1");
        properties.setProperty("share.coordinator.state.topic.replication.factor", "1");
        properties.setProperty("share.coordinator.state.topic.min.isr", "1");
        properties.setProperty("group.initial.rebalance.delay.ms", "0");
        // the system's topics are created by whoever starts Kafka, so a misspelt name fails instead of appearing
        properties.setProperty("auto.create.topics.enable", "false");
        return properties;
    }

    /** Formats a new log directory as {@code kafka-storage format} does, with a new cluster id. */
    private static void format(Path configuration) {
        String[] format = {"format", "--config", configuration.toString(), "--cluster-id", Uuid.randomUuid().toString()};
        int status = kafka.tools.StorageTool.execute(format, new PrintStream(OutputStream.nullOutputStream()));
        if (status != 0) {
            throw new IllegalStateException("could not format Kafka's storage with " + configuration
                    + " (kafka-storage format answered " + status + ")");
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for Kafka's controller listener", e);
        }
    }
}
