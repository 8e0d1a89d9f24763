package dev.hypervisor.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code hv} as a user runs it from a checkout ({@code java -jar cli/target/hv.jar}), against the stack under test
 * ({@code HV_API_URL}), keeping its session in a directory of the test's ({@code HV_CONFIG_DIR}).
 */
final class HvProcess {

    private static final Path JAR = StackUnderTest.ROOT.resolve("cli/target/hv.jar");

    /** What a run of hv printed and how it exited. */
    record Run(int exitCode, String out, String err) {
    }

    private final StackUnderTest stack;
    final Path configDirectory;

    HvProcess(StackUnderTest stack) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: build the cli first (./mvnw package -pl cli -am)");
        }
        this.stack = stack;
        this.configDirectory = Files.createTempDirectory("hv-config");
    }

    Run run(String... args) throws Exception {
        return runWithInput(null, args);
    }

    /** Runs hv with these arguments, {@code input} on its standard input; waits for it (at most a minute). */
    Run runWithInput(String input, String... args) throws Exception {
        Process process = start(args);
        try (var stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write((input + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return finish(process);
    }

    /** Starts hv and leaves it running (hv watch), its standard input closed. */
    Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("HV_API_URL", stack.gateway());
        builder.environment().put("HV_CONFIG_DIR", configDirectory.toString());
        return builder.start();
    }

    static Run finish(Process process) throws Exception {
        var out = process.getInputStream();
        var err = process.getErrorStream();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("hv did not end within a minute");
        }
        return new Run(process.exitValue(), new String(out.readAllBytes(), StandardCharsets.UTF_8),
                new String(err.readAllBytes(), StandardCharsets.UTF_8));
    }
}
