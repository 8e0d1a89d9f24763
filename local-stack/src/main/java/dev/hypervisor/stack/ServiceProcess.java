package dev.hypervisor.stack;

import java.io.IOException;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One part of the stack in its own JVM (a service, or the Kafka node), its output in its own log file. It counts as
 * started when its readiness check passes, and it is stopped the way Kubernetes stops a pod: asked first, forced
 * later. Like a pod's container, it can be started again the same way after it stopped on its own
 * ({@link #relaunch}).
 */
final class ServiceProcess implements AutoCloseable {

    /** How to tell that the process serves: a question asked until it says yes, and what it asks, for errors. */
    interface Readiness {
        boolean isReady();

        String describe();
    }

    /** Everything needed to start the process (again): the JVM's arguments after the java executable. */
    private record Launch(String name, List<String> arguments, Map<String, String> environment, Path log,
                          Readiness readiness) {
    }

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration GRACE = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Launch launch;
    private final String name;
    private final Process process;
    private final Path log;

    private ServiceProcess(Launch launch, Process process) {
        this.launch = launch;
        this.name = launch.name();
        this.process = process;
        this.log = launch.log();
    }

    /** A Quarkus service: {@code java -jar}, ready when its readiness endpoint answers 200. */
    static ServiceProcess launch(String name, Path jar, List<String> javaOptions, Map<String, String> environment,
                                 Path log, String baseUrl) {
        if (!Files.isRegularFile(jar)) {
            throw new StackException(name + " is not built (" + jar + " is missing): run ./hypervisor up, which builds it");
        }
        List<String> arguments = new ArrayList<>(javaOptions);
        arguments.add("-jar");
        arguments.add(jar.toString());
        return launch(name, arguments, environment, log, new HttpReadiness(URI.create(baseUrl + "/q/health/ready")));
    }

    /** Any JVM: {@code arguments} follow the java executable ({@code -cp ... Main ...}). */
    static ServiceProcess launch(String name, List<String> arguments, Map<String, String> environment, Path log,
                                 Readiness readiness) {
        return start(new Launch(name, List.copyOf(arguments), Map.copyOf(environment), log, readiness),
                ProcessBuilder.Redirect.to(log.toFile()));
    }

    /** The same process started again, its output added to the same log (which tells why it stopped). */
    ServiceProcess relaunch() {
        return start(launch, ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    private static ServiceProcess start(Launch launch, ProcessBuilder.Redirect output) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(launch.arguments());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output);
        builder.environment().putAll(launch.environment());
        try {
            return new ServiceProcess(launch, builder.start());
        } catch (IOException e) {
            throw new StackException("could not start " + launch.name() + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the service says it is ready; fails early, with the end of its log, if it dies first. */
    void awaitReady(Instant deadline) {
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new StackException(name + " stopped while starting (exit code " + process.exitValue()
                        + "). From " + log + ":\n" + whatWentWrong());
            }
            if (launch.readiness().isReady()) {
                return;
            }
            sleep(POLL_INTERVAL);
        }
        throw new StackException(name + " did not become ready by the deadline (" + launch.readiness().describe()
                + "). From " + log + ":\n" + whatWentWrong());
    }

    /** Ready when the URL answers 200. */
    private record HttpReadiness(URI url) implements Readiness {
        @Override
        public boolean isReady() {
            try {
                HttpResponse<Void> answer = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                return answer.statusCode() == 200;
            } catch (IOException e) {
                return false; // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted while waiting for " + url);
            }
        }

        @Override
        public String describe() {
            return url + " never answered 200";
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** The service's error lines and their causes if it logged any, else the end of its log. */
    private String whatWentWrong() {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> errors = all.stream()
                    .filter(line -> line.contains(" ERROR ") || line.startsWith("Caused by:"))
                    .limit(8)
                    .toList();
            List<String> shown = errors.isEmpty() ? all.subList(Math.max(0, all.size() - 20), all.size()) : errors;
            return String.join("\n", shown);
        } catch (IOException e) {
            return "(the log could not be read: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while starting");
        }
    }
}
