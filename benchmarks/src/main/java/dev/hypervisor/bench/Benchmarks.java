package dev.hypervisor.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Load generators against a stack started with {@code ./hypervisor up}; docs/benchmarks.md records their
 * figures and the commands that produced them.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ledger [--mode single|batch] [--clients 32] [--clusters 50]
 *                                                   [--batch 100] [--seconds 20]
 * java -jar benchmarks/target/benchmarks.jar placements [--door kafka|rest] [--rate 1000] [--clusters 50]
 *                                                       [--seconds 30] [--report-every 30] [--queues 10]
 *                                                       [--replicas 8]
 * java -jar benchmarks/target/benchmarks.jar deadlines [--running 100000] [--clusters 50] [--seconds 30]
 * java -jar benchmarks/target/benchmarks.jar pass     (JMH: one scheduling pass on a deep queue, no stack needed)
 * </pre>
 * The stack's data directory ({@code --home}, default {@code .hypervisor}) gives the scheduler's client secret
 * and where Kafka listens.
 */
public final class Benchmarks {

    private static final String USAGE = """
            usage: benchmarks ledger [--mode single|batch] [--clients N] [--clusters N] [--batch N] [--seconds N]
                   benchmarks placements [--door kafka|rest] [--rate N] [--clusters N] [--seconds N]
                                         [--report-every N]  (a line each N seconds, then a soak verdict)
                                         [--queues N]  (each cluster in N queues, the first flooding)
                                         [--replicas N]  (each request a gang of N replicas)
                                         [--streams N [--gateway URL]]  (N clients watch the first cluster's events)
                   benchmarks deadlines [--running N] [--clusters N] [--seconds N]  (how late run-time limits end)
                   benchmarks pass [JMH options]  (one scheduling pass on a deep queue; needs no stack)
                   benchmarks queue-page [JMH options]  (the first page of a deep queue; needs no stack)
            common: [--home .hypervisor] [--identity URL] [--cluster-service URL] [--scheduler URL]""";

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = Arrays.asList(args);
        String command = arguments.isEmpty() ? "" : arguments.get(0);
        if (command.equals("pass") || command.equals("queue-page")) {
            org.openjdk.jmh.Main.main(jmhArguments(command.equals("pass") ? SchedulingPassBenchmark.class
                    : QueuePageBenchmark.class, arguments.subList(1, arguments.size())));
            return;
        }
        Path home = Path.of(option(arguments, "--home", ".hypervisor"));
        String identity = option(arguments, "--identity", "http://localhost:8081");
        String clusterService = option(arguments, "--cluster-service", "http://localhost:8082");
        Duration duration = Duration.ofSeconds(Long.parseLong(option(arguments, "--seconds", "20")));
        switch (command) {
            case "ledger" -> new LedgerLoad(new LedgerLoad.Settings(identity, clusterService,
                    Files.readString(home.resolve("data/secrets/scheduler-client-secret")).strip(),
                    option(arguments, "--mode", "single"),
                    Integer.parseInt(option(arguments, "--clients", "32")),
                    Integer.parseInt(option(arguments, "--clusters", "50")),
                    Integer.parseInt(option(arguments, "--batch", "100")), duration)).run();
            case "placements" -> new PlacementLoad(new PlacementLoad.Settings(identity, clusterService,
                    option(arguments, "--scheduler", "http://localhost:8083"),
                    Files.readString(home.resolve("run/kafka-bootstrap-servers")).strip(),
                    option(arguments, "--door", "kafka"),
                    Integer.parseInt(option(arguments, "--rate", "1000")),
                    Integer.parseInt(option(arguments, "--clusters", "50")), duration,
                    Duration.ofSeconds(Long.parseLong(option(arguments, "--report-every", "0"))), home,
                    Integer.parseInt(option(arguments, "--queues", "0")),
                    Integer.parseInt(option(arguments, "--replicas", "1")),
                    option(arguments, "--gateway", "http://localhost:8080"),
                    Integer.parseInt(option(arguments, "--streams", "0")))).run();
            case "deadlines" -> new DeadlineLoad(new DeadlineLoad.Settings(identity, clusterService,
                    Files.readString(home.resolve("run/kafka-bootstrap-servers")).strip(),
                    Integer.parseInt(option(arguments, "--clusters", "50")),
                    Integer.parseInt(option(arguments, "--running", "100000")), duration)).run();
            default -> {
                System.err.println(USAGE);
                System.exit(2);
            }
        }
    }

    /** JMH's own options, limited to one benchmark. */
    private static String[] jmhArguments(Class<?> benchmark, List<String> jmhOptions) {
        List<String> jmhArguments = new java.util.ArrayList<>(jmhOptions);
        jmhArguments.add(benchmark.getName());
        return jmhArguments.toArray(String[]::new);
    }

    private static String option(List<String> arguments, String name, String fallback) {
        int index = arguments.indexOf(name);
        return index >= 0 && index + 1 < arguments.size() ? arguments.get(index + 1) : fallback;
    }
}
