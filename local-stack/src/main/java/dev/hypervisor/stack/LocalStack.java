package dev.hypervisor.stack;

import dev.hypervisor.common.event.Topics;
import dev.hypervisor.embedded.Directories;
import dev.hypervisor.embedded.KafkaNode;
import dev.hypervisor.embedded.KafkaProbe;
import dev.hypervisor.embedded.KafkaTopics;
import dev.hypervisor.embedded.PostgresDatabases;
import dev.hypervisor.embedded.PostgresServer;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The whole system on one machine: PostgreSQL with one database per service, Kafka with the system's topics,
 * identity-, cluster- and scheduler-service, and the gateway in front of them. It starts them in that order,
 * waits for each to be ready, and stops what it started in the reverse order.
 */
final class LocalStack implements AutoCloseable {

    /** As many partitions per topic as the deployment manifests use, so scale-out behaves the same locally. */
    static final int PARTITIONS = 6;
    private static final List<String> DATABASES = List.of("identity", "cluster", "scheduler");
    private static final String ADMIN_PASSWORD_FILE = "admin-password";

    private final StackSettings settings;
    private final PrintStream out;
    private final RunFiles runFiles;
    /** What was started, oldest first. */
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, CrashLoop> crashes = new HashMap<>();
    /** The embedded PostgreSQL (null when PostgreSQL is external) and its process id. */
    private PostgresServer postgres;
    private volatile long postgresProcess;
    private final Instant startedAt = Instant.now();
    private StackSecrets.Secret adminPassword;
    private boolean closed;

    LocalStack(StackSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        this.runFiles = new RunFiles(settings.runDirectory());
    }

    /** Starts everything, or stops what it had started and throws. */
    void start() {
        runFiles.runningStack().ifPresent(pid -> {
            throw new StackException("a stack is already running (process " + pid + "); ./hypervisor down stops it");
        });
        Ports.requireFree(settings.host(), wantedPorts());
        if (settings.fresh()) {
            Directories.delete(settings.dataDirectory());
            out.println("  [ok] wiped " + relative(settings.dataDirectory()));
        }
        runFiles.recordStack();
        try {
            Database database = startDatabase();
            String kafka = startKafka();
            runFiles.recordKafka(kafka);
            StackSecrets secrets = new StackSecrets(settings.dataDirectory().resolve("secrets"), settings.environment());
            adminPassword = secrets.get("HV_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD_FILE);
            StackSecrets.Secret schedulerSecret = secrets.get("HV_SCHEDULER_CLIENT_SECRET", "scheduler-client-secret");
            StackSecrets.Secret executorSecret = secrets.get("HV_EXECUTOR_CLIENT_SECRET", "executor-client-secret");
            String identityUrl = settings.url(settings.identityPort());
            Map<String, String> common = Map.of(
                    "QUARKUS_HTTP_HOST", settings.host(),
                    "HV_DB_USER", database.user(),
                    "HV_DB_PASSWORD", database.password(),
                    "HV_JWKS_URL", identityUrl + "/.well-known/jwks.json",
                    "KAFKA_BOOTSTRAP_SERVERS", kafka);
            Map<String, String> scheduler = Map.of(
                    "HV_DB_URL", database.url("scheduler"),
                    "HV_CLUSTER_URL", settings.url(settings.clusterPort()),
                    "HV_IDENTITY_URL", identityUrl,
                    "HV_SCHEDULER_CLIENT_SECRET", schedulerSecret.value());
            List<ServiceProcess> services = List.of(
                    launch("identity-service", settings.identityPort(), common, Map.of(
                            "HV_DB_URL", database.url("identity"),
                            "HV_KEY_DIRECTORY", settings.dataDirectory().resolve("keys").toString(),
                            "HV_BOOTSTRAP_ADMIN_PASSWORD", adminPassword.value(),
                            "HV_SCHEDULER_CLIENT_SECRET", schedulerSecret.value(),
                            "HV_EXECUTOR_CLIENT_SECRET", executorSecret.value())),
                    launch("cluster-service", settings.clusterPort(), common, Map.of(
                            "HV_DB_URL", database.url("cluster"))),
                    launch("scheduler-service", settings.schedulerPort(), common, scheduler));
            for (ServiceProcess service : services) {
                awaitReady(service);
            }
            for (int i = 0; i < settings.extraSchedulerPorts().size(); i++) {
                awaitReady(launch("scheduler-service", "scheduler-service-" + (i + 2),
                        settings.extraSchedulerPorts().get(i), common, scheduler));
            }
            awaitReady(launch("gateway", settings.gatewayPort(), Map.of("QUARKUS_HTTP_HOST", settings.host()), Map.of(
                    "HV_IDENTITY_URL", identityUrl,
                    "HV_CLUSTER_URL", settings.url(settings.clusterPort()),
                    "HV_SCHEDULER_URL", settings.url(settings.schedulerPort()))));
            started.add(new SimulatedExecutor(kafka));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private Map<String, Integer> wantedPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("HV_GATEWAY_PORT", settings.gatewayPort());
        ports.put("HV_IDENTITY_PORT", settings.identityPort());
        ports.put("HV_CLUSTER_PORT", settings.clusterPort());
        ports.put("HV_SCHEDULER_PORT", settings.schedulerPort());
        settings.extraSchedulerPorts().forEach(port -> ports.put("HV_EXTRA_SCHEDULER_PORTS (" + port + ")", port));
        if (settings.externalPostgres().isEmpty()) {
            ports.put("HV_POSTGRES_PORT", settings.postgresPort());
        }
        if (settings.externalKafka().isEmpty()) {
            ports.put("HV_KAFKA_PORT", settings.kafkaPort());
        }
        return ports;
    }

    private record Database(String serverUrl, String user, String password) {
        String url(String name) {
            return serverUrl + "/" + name;
        }
    }

    private Database startDatabase() {
        Instant begin = Instant.now();
        if (settings.externalPostgres().isPresent()) {
            String server = settings.externalPostgres().get();
            DATABASES.forEach(name -> PostgresDatabases.createIfMissing(
                    server, settings.postgresUser(), settings.postgresPassword(), name));
            done("PostgreSQL", server + " (external)", begin);
            return new Database(server, settings.postgresUser(), settings.postgresPassword());
        }
        PostgresServer postgres = PostgresServer.startDurable(
                settings.dataDirectory().resolve("postgres"), settings.postgresPort());
        started.add(postgres);
        this.postgres = postgres;
        postgresProcess = postgres.processId();
        runFiles.recordProcess(postgresProcess, "postgres");
        DATABASES.forEach(postgres::createDatabase);
        done("PostgreSQL", "localhost:" + postgres.port() + ", data in "
                + relative(settings.dataDirectory().resolve("postgres")), begin);
        return new Database("jdbc:postgresql://localhost:" + postgres.port(), PostgresServer.USER, "");
    }

    private String startKafka() {
        Instant begin = Instant.now();
        if (settings.externalKafka().isPresent()) {
            String servers = settings.externalKafka().get();
            KafkaTopics.createIfMissing(servers, Topics.ALL, PARTITIONS);
            done("Kafka", servers + " (external)", begin);
            return servers;
        }
        String servers = settings.kafkaBootstrapServers();
        ServiceProcess kafka = track(ServiceProcess.launch("kafka", kafkaArguments(), Map.of(),
                settings.logDirectory().resolve("kafka.log"), new KafkaReadiness(servers)));
        kafka.awaitReady(startedAt.plus(settings.readyTimeout()));
        KafkaTopics.createIfMissing(servers, Topics.ALL, PARTITIONS);
        done("Kafka", servers + ", " + Topics.ALL.size() + " topics of " + PARTITIONS + " partitions, data in "
                + relative(settings.dataDirectory().resolve("kafka")), begin);
        return servers;
    }

    /** Kafka is ready when it answers with its broker. */
    private record KafkaReadiness(String servers) implements ServiceProcess.Readiness {
        @Override
        public boolean isReady() {
            return KafkaProbe.answers(servers);
        }

        @Override
        public String describe() {
            return "Kafka at " + servers + " never answered";
        }
    }

    /**
     * The Kafka node runs in a process of its own, from this program's own class path, so that it can stop and
     * start again on its data and port as a broker pod does; its library logging says only warnings and errors.
     */
    private List<String> kafkaArguments() {
        List<String> arguments = new ArrayList<>(settings.javaOptions());
        arguments.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        arguments.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
        arguments.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss.SSS");
        arguments.add("-cp");
        arguments.add(Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator)));
        arguments.add(KafkaNode.class.getName());
        arguments.add(settings.dataDirectory().resolve("kafka").toString());
        arguments.add(settings.host());
        arguments.add(settings.reachableHost());
        arguments.add(Integer.toString(settings.kafkaPort()));
        return arguments;
    }

    private ServiceProcess launch(String name, int port, Map<String, String> common, Map<String, String> own) {
        return launch(name, name, port, common, own);
    }

    /** Starts the module's application as the named process, logging to {@code <name>.log}. */
    private ServiceProcess launch(String module, String name, int port, Map<String, String> common,
                                  Map<String, String> own) {
        Map<String, String> environment = new LinkedHashMap<>(common);
        environment.putAll(own);
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return track(ServiceProcess.launch(name, settings.quarkusApp(module), settings.javaOptions(),
                environment, settings.logDirectory().resolve(name + ".log"), settings.url(port)));
    }

    /** Counts the process as started by the stack: stopped with it, and recorded for {@code ./hypervisor down}. */
    private ServiceProcess track(ServiceProcess process) {
        started.add(process);
        runFiles.recordProcess(process.pid(), process.name());
        return process;
    }

    private void awaitReady(ServiceProcess service) {
        service.awaitReady(startedAt.plus(settings.readyTimeout()));
        done(service.name(), "ready", startedAt);
    }

    void printSummary() {
        String gateway = settings.url(settings.gatewayPort());
        out.println();
        out.println("Hypervisor is up at " + gateway);
        out.println("  API docs     " + gateway + "/docs");
        out.println("  health       " + gateway + "/q/health/ready");
        for (String service : List.of("identity", "cluster", "scheduler")) {
            int port = switch (service) {
                case "identity" -> settings.identityPort();
                case "cluster" -> settings.clusterPort();
                default -> settings.schedulerPort();
            };
            out.printf("  %-12s %s/docs   health %s/q/health/ready%n", service, settings.url(port), settings.url(port));
        }
        for (int port : settings.extraSchedulerPorts()) {
            out.printf("  %-12s %s/docs   health %s/q/health/ready%n", "scheduler", settings.url(port),
                    settings.url(port));
        }
        out.println("  logs         " + relative(settings.logDirectory()));
        String admin = settings.environment().getOrDefault("HV_BOOTSTRAP_ADMIN_USERNAME", "admin");
        if (adminPassword.generated()) {
            out.println();
            out.println("Platform administrator: " + admin + " / " + adminPassword.value());
            out.println("  (generated now and shown once; kept in "
                    + relative(settings.dataDirectory().resolve("secrets").resolve(ADMIN_PASSWORD_FILE)) + ")");
        } else {
            out.println("  admin        " + admin + ", password in HV_BOOTSTRAP_ADMIN_PASSWORD or "
                    + relative(settings.dataDirectory().resolve("secrets").resolve(ADMIN_PASSWORD_FILE)));
        }
        out.println();
        out.println("Press Ctrl-C to stop, or run ./hypervisor down from another terminal.");
    }

    /** A service that has stopped although the stack did not stop it, if there is one. */
    synchronized Optional<ServiceProcess> stoppedService() {
        return started.stream()
                .filter(part -> part instanceof ServiceProcess service && !service.isAlive())
                .map(ServiceProcess.class::cast)
                .findFirst();
    }

    /**
     * Starts a service that stopped on its own again, as Kubernetes restarts a pod's container, and waits until it
     * is ready; its log keeps what it wrote before it stopped. Throws when the service stops too often to go on
     * (a crash loop needs a human), and does nothing once the stack is stopping.
     */
    void restart(ServiceProcess stopped) {
        Instant begin = Instant.now();
        ServiceProcess again;
        synchronized (this) {
            again = replace(stopped, stopped.name(), stopped::relaunch);
            if (again == null) {
                return;
            }
            runFiles.recordProcess(again.pid(), again.name());
        }
        try {
            again.awaitReady(Instant.now().plus(settings.readyTimeout()));
            done(again.name(), "ready again", begin);
        } catch (StackException notReady) {
            out.println("  [!!] " + notReady.getMessage()); // if it stopped, the next look finds it and tries again
        }
    }

    /** True when the embedded PostgreSQL was started and has stopped although the stack did not stop it. */
    boolean databaseStopped() {
        long pid = postgresProcess;
        return pid != 0 && ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
    }

    /**
     * Starts the embedded PostgreSQL again on its data and port, as Kubernetes restarts a database pod; the
     * services reconnect by themselves. Throws when it stops too often to go on.
     */
    synchronized void restartDatabase() {
        Instant begin = Instant.now();
        PostgresServer stopped = postgres;
        PostgresServer again = replace(stopped, "PostgreSQL", () -> {
            try {
                stopped.close(); // lets go of the data directory's lock; the server itself is gone already
            } catch (RuntimeException alreadyStopped) {
                // nothing left to stop
            }
            return PostgresServer.startDurable(settings.dataDirectory().resolve("postgres"), settings.postgresPort());
        });
        if (again == null) {
            return;
        }
        postgres = again;
        postgresProcess = again.processId();
        runFiles.recordProcess(postgresProcess, "postgres");
        done("PostgreSQL", "ready again", begin);
    }

    /**
     * Under the stack's lock: counts the stop of a part (throwing when it makes a crash loop) and puts what
     * {@code start} starts in its place; null when the stack is stopping or no longer holds the part.
     */
    private <T extends AutoCloseable> T replace(AutoCloseable stopped, String name, Supplier<T> start) {
        int index = started.indexOf(stopped);
        if (closed || index < 0) {
            return null;
        }
        crashes.computeIfAbsent(name, key -> new CrashLoop()).stoppedAt(Instant.now(), name);
        T again = start.get();
        started.set(index, again);
        return again;
    }

    /** True once something was started, until the stack begins to stop. */
    synchronized boolean isRunning() {
        return !closed && !started.isEmpty();
    }

    /** Stops what was started, newest first. Safe to call more than once and from a shutdown hook. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!started.isEmpty()) {
            AutoCloseable part = started.remove(started.size() - 1);
            try {
                part.close();
            } catch (Exception e) {
                out.println("  [!!] could not stop cleanly: " + e.getMessage());
            }
        }
        runFiles.clear();
    }

    private void done(String what, String detail, Instant begin) {
        double seconds = Duration.between(begin, Instant.now()).toMillis() / 1000.0;
        out.printf(Locale.ROOT, "  [ok] %-18s %s (%.1f s)%n", what, detail, seconds);
    }

    private static String relative(Path path) {
        Path working = Path.of("").toAbsolutePath();
        return path.startsWith(working) ? working.relativize(path).toString() : path.toString();
    }
}
