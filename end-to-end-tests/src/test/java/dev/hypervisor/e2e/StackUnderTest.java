package dev.hypervisor.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./hypervisor up} run exactly as a user runs it, in its own directory and on free ports, so these tests
 * never meet a stack someone else started. Its output is collected line by line for the tests to read.
 */
final class StackUnderTest implements AutoCloseable {

    static final Path ROOT = Path.of(System.getProperty("hypervisor.root", "..")).toAbsolutePath().normalize();

    final Path home;
    final Map<String, Integer> ports = new HashMap<>();
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private Process up;

    StackUnderTest() throws IOException {
        home = Files.createTempDirectory("hypervisor-e2e");
        // Two scheduler instances, as at scale: they share the clusters by Kafka partitions.
        for (String setting : List.of("HV_GATEWAY_PORT", "HV_IDENTITY_PORT", "HV_CLUSTER_PORT", "HV_SCHEDULER_PORT",
                "HV_EXTRA_SCHEDULER_PORTS", "HV_POSTGRES_PORT", "HV_KAFKA_PORT")) {
            int port = freePort();
            while (ports.containsValue(port)) {
                port = freePort();
            }
            ports.put(setting, port);
        }
    }

    String gateway() {
        return "http://localhost:" + ports.get("HV_GATEWAY_PORT");
    }

    /** Both scheduler instances, the gateway's first. */
    List<String> schedulers() {
        return List.of("http://localhost:" + ports.get("HV_SCHEDULER_PORT"),
                "http://localhost:" + ports.get("HV_EXTRA_SCHEDULER_PORTS"));
    }

    String clusterService() {
        return "http://localhost:" + ports.get("HV_CLUSTER_PORT");
    }

    /**
     * Kills the named service's process the way a machine failure would ({@code SIGKILL}: no shutdown hook, no
     * clean close of anything); the stack notices and starts it again. Answers the killed process id.
     */
    long kill(String processName) throws IOException {
        long pid = recordedProcess(processName);
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException(processName + " (" + pid + ") is not running"));
        process.destroyForcibly();
        process.onExit().join();
        return pid;
    }

    /**
     * Sends a signal ({@code "INT"}, {@code "STOP"}, {@code "CONT"}...) to the named process as last recorded;
     * answers the process.
     */
    ProcessHandle signal(String processName, String signal) throws IOException, InterruptedException {
        long pid = recordedProcess(processName);
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException(processName + " (" + pid + ") is not running"));
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("could not send SIG" + signal + " to " + processName + " (" + pid + ")");
        }
        return process;
    }

    /** The id of the named process as last recorded (a restarted service is recorded again). */
    long recordedProcess(String processName) throws IOException {
        List<String> lines = Files.readAllLines(home.resolve("run/processes"));
        for (int i = lines.size() - 1; i >= 0; i--) {
            String[] fields = lines.get(i).split(" ");
            if (fields.length == 2 && fields[1].equals(processName)) {
                return Long.parseLong(fields[0]);
            }
        }
        throw new IllegalStateException("no process named " + processName + " was recorded");
    }

    /** Waits until the service at {@code baseUrl} answers its readiness check with 200. */
    static void awaitReady(String baseUrl, Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListening) {
                // not up yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError(baseUrl + " was not ready again within " + timeout);
    }

    /** Where the stack's Kafka listens, as it recorded it. */
    String kafkaBootstrapServers() throws IOException {
        return Files.readString(home.resolve("run/kafka-bootstrap-servers")).trim();
    }

    /** Runs {@code ./hypervisor up}; the build is already there, made by this same Maven run. */
    StackUnderTest start() throws IOException {
        up = hypervisor("up", "--no-build").redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(up.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (IOException e) {
                output.add("(output could not be read: " + e.getMessage() + ")");
            }
        }, "hypervisor-up-output");
        reader.setDaemon(true);
        reader.start();
        return this;
    }

    /** Waits for a line of output that contains {@code text}, or for the command to end without it. */
    boolean awaitOutput(String text, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (output().contains(text)) {
                return true;
            }
            if (!up.isAlive()) {
                up.waitFor(5, TimeUnit.SECONDS); // let the reader take the last lines
                return output().contains(text);
            }
            Thread.sleep(200);
        }
        return false;
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    Process upProcess() {
        return up;
    }

    ProcessBuilder hypervisor(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("hypervisor").toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().put("HV_HOME", home.toString());
        ports.forEach((setting, port) -> builder.environment().put(setting, Integer.toString(port)));
        return builder;
    }

    /** The process ids the stack recorded as started, from its run files. */
    List<Long> recordedProcesses() throws IOException {
        Path processes = home.resolve("run/processes");
        if (!Files.exists(processes)) {
            return List.of();
        }
        return Files.readAllLines(processes).stream()
                .filter(line -> !line.isBlank())
                .map(line -> Long.parseLong(line.split(" ")[0]))
                .toList();
    }

    @Override
    public void close() throws Exception {
        if (up != null && up.isAlive()) {
            hypervisor("down").inheritIO().start().waitFor(90, TimeUnit.SECONDS);
            up.destroyForcibly();
        }
    }

    /**
     * A port nothing listens on, chosen below Linux's ephemeral range (32768 and up): a port the system hands
     * out there could be taken by any outgoing connection of the stack before the service that should listen on
     * it starts.
     */
    static int freePort() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int candidate = 20_000 + ThreadLocalRandom.current().nextInt(12_000);
            try (ServerSocket socket = new ServerSocket(candidate)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new UncheckedIOException(new IOException("no free port between 20000 and 32000"));
    }
}
