package dev.hypervisor.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the local stack is told by its environment. Every setting has a default that works on a fresh machine;
 * the README's configuration table lists them.
 *
 * @param root            the repository, where the built services are
 * @param home            where the stack keeps data, logs and its run files ({@code .hypervisor})
 * @param fresh           wipe the data directory before starting
 * @param host            the address every process listens on
 * @param externalPostgres a server URL ({@code jdbc:postgresql://db:5432}) to use instead of the embedded one
 * @param kafkaPort       the port of the embedded Kafka node, which keeps it across restarts
 * @param externalKafka   bootstrap servers to use instead of the embedded Kafka node
 * @param extraSchedulerPorts one more scheduler-service instance on each port (they share the work by Kafka
 *                        partitions, as in Kubernetes); the gateway sends to the first
 * @param environment     the whole environment, for the settings the stack passes on (admin, secrets)
 */
record StackSettings(
        Path root,
        Path home,
        boolean fresh,
        String host,
        int gatewayPort,
        int identityPort,
        int clusterPort,
        int schedulerPort,
        List<Integer> extraSchedulerPorts,
        int postgresPort,
        Optional<String> externalPostgres,
        String postgresUser,
        String postgresPassword,
        int kafkaPort,
        Optional<String> externalKafka,
        List<String> javaOptions,
        Duration readyTimeout,
        Map<String, String> environment) {

    static StackSettings from(Map<String, String> env, Path root, Path home, boolean fresh) {
        return new StackSettings(
                root,
                home,
                fresh,
                env.getOrDefault("HV_BIND_HOST", "127.0.0.1"),
                port(env, "HV_GATEWAY_PORT", 8080),
                port(env, "HV_IDENTITY_PORT", 8081),
                port(env, "HV_CLUSTER_PORT", 8082),
                port(env, "HV_SCHEDULER_PORT", 8083),
                ports(env, "HV_EXTRA_SCHEDULER_PORTS"),
                port(env, "HV_POSTGRES_PORT", 15432),
                Optional.ofNullable(env.get("HV_POSTGRES_URL")).filter(url -> !url.isBlank()),
                env.getOrDefault("HV_POSTGRES_USER", "postgres"),
                env.getOrDefault("HV_POSTGRES_PASSWORD", ""),
                port(env, "HV_KAFKA_PORT", 9092),
                Optional.ofNullable(env.get("KAFKA_BOOTSTRAP_SERVERS")).filter(servers -> !servers.isBlank()),
                List.of(env.getOrDefault("HV_JAVA_OPTS", "-Xmx512m -XX:+UseSerialGC").trim().split("\\s+")),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("HV_READY_TIMEOUT_SECONDS", "180"))),
                Map.copyOf(env));
    }

    private static List<Integer> ports(Map<String, String> env, String name) {
        String value = env.getOrDefault(name, "");
        if (value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(port -> parsePort(name, port)).toList();
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return parsePort(name, value);
    }

    private static int parsePort(String name, String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new StackException(name + " must be a port number from 1 to 65535, not '" + value + "'");
        }
    }

    Path dataDirectory() {
        return home.resolve("data");
    }

    Path logDirectory() {
        return home.resolve("logs");
    }

    Path runDirectory() {
        return home.resolve("run");
    }

    /** The service's runnable jar, as the build leaves it. */
    Path quarkusApp(String module) {
        return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** How to reach a port of the stack from this machine. */
    String url(int port) {
        return "http://" + reachableHost() + ":" + port;
    }

    /** Where clients find the embedded Kafka node. */
    String kafkaBootstrapServers() {
        return reachableHost() + ":" + kafkaPort;
    }

    /** The host name by which this machine reaches the stack's processes. */
    String reachableHost() {
        boolean local = host.equals("0.0.0.0") || host.equals("127.0.0.1") || host.equals("localhost");
        return local ? "localhost" : host;
    }
}
