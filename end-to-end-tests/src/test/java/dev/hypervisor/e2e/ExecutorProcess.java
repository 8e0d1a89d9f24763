package dev.hypervisor.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes executor as an operator runs it from a checkout ({@code java -jar executor/target/quarkus-app/...}),
 * beside the stack under test and pointed at a Kubernetes API server; its log goes to the stack's log directory.
 */
final class ExecutorProcess implements AutoCloseable {

    private static final Path JAR = StackUnderTest.ROOT.resolve("executor/target/quarkus-app/quarkus-run.jar");

    private final Process process;
    private final int port;
    private final Path log;

    private ExecutorProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts it serving the Hypervisor cluster on the Kubernetes API at {@code kubernetesUrl}; waits until ready. */
    static ExecutorProcess start(StackUnderTest stack, String cluster, String kubernetesUrl) throws Exception {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: build the executor first (./mvnw package -pl executor)");
        }
        int port = StackUnderTest.freePort();
        Path log = Files.createDirectories(stack.home.resolve("logs")).resolve("executor-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        String secret = Files.readString(stack.home.resolve("data/secrets/executor-client-secret")).strip();
        builder.environment().putAll(Map.of(
                "QUARKUS_HTTP_PORT", Integer.toString(port),
                "HV_EXECUTOR_CLUSTERS", cluster,
                "HV_EXECUTOR_KUBERNETES_MASTER_URL", kubernetesUrl,
                "HV_EXECUTOR_NAMESPACE", "hypervisor-jobs",
                "HV_API_URL", stack.gateway(),
                "HV_IDENTITY_URL", stack.gateway(),
                "HV_EXECUTOR_CLIENT_SECRET", secret,
                "KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers()));
        ExecutorProcess executor = new ExecutorProcess(builder.start(), port, log);
        executor.awaitReady();
        return executor;
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the executor exited: " + Files.readString(log));
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the executor was not ready within 60 s: " + Files.readString(log));
    }

    /** Ends it as a crash would (SIGKILL). */
    void kill() {
        process.destroyForcibly();
        process.onExit().join();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }
}
