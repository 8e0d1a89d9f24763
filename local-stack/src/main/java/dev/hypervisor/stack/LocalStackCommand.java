package dev.hypervisor.stack;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code java -jar local-stack.jar up --root <repository> --home <.hypervisor> [--fresh]}: what {@code ./hypervisor
 * up} runs once the build is there. It prints one line per part as it becomes ready, then where everything is, and
 * runs until it is interrupted (Ctrl-C) or terminated ({@code ./hypervisor down}), stopping everything it started.
 * It exits 1 with a message saying what to do when anything cannot start.
 */
public final class LocalStackCommand {

    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

    private LocalStackCommand() {
    }

    public static void main(String[] args) {
        List<String> arguments = Arrays.asList(args);
        if (arguments.isEmpty() || !arguments.get(0).equals("up")) {
            System.err.println("usage: local-stack up --root <repository> --home <directory> [--fresh]");
            System.exit(2);
        }
        Path root = Path.of(option(arguments, "--root", ".")).toAbsolutePath().normalize();
        Path home = Path.of(option(arguments, "--home", root.resolve(".hypervisor").toString())).toAbsolutePath();
        routeLibraryLogs(home);

        PrintStream out = System.out;
        LocalStack stack;
        try {
            stack = new LocalStack(StackSettings.from(System.getenv(), root, home, arguments.contains("--fresh")), out);
        } catch (StackException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        }
        // Registered before anything starts, so that Ctrl-C during start-up stops what is already running too.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stack.isRunning()) {
                out.println();
                out.println("Stopping Hypervisor");
                stack.close();
                out.println("  [ok] stopped");
            }
        }, "stack-shutdown"));
        try {
            out.println("Starting Hypervisor");
            stack.start();
        } catch (StackException | IllegalStateException | UncheckedIOException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        }
        stack.printSummary();
        watch(stack);
    }

    /**
     * Runs until the stack is stopped. A service (or the embedded PostgreSQL) that stops on its own is started
     * again, as Kubernetes would; one that keeps stopping stops the stack.
     */
    private static void watch(LocalStack stack) {
        while (true) {
            try {
                Thread.sleep(WATCH_INTERVAL.toMillis());
                if (stack.databaseStopped()) {
                    Thread.sleep(WATCH_INTERVAL.toMillis()); // Ctrl-C reaches PostgreSQL too, as below
                    if (!stack.isRunning()) {
                        return;
                    }
                    System.err.println("  [!!] PostgreSQL stopped on its own; starting it again on its data.");
                    try {
                        stack.restartDatabase();
                    } catch (UncheckedIOException | IllegalStateException e) {
                        System.err.println("  [!!] PostgreSQL did not start (" + e.getMessage() + "); trying again");
                    }
                }
                Optional<ServiceProcess> stopped = stack.stoppedService();
                if (stopped.isEmpty()) {
                    continue;
                }
                // Ctrl-C reaches the services too, as they share the terminal: give the shutdown a moment to begin
                // before taking their exit for a failure.
                Thread.sleep(WATCH_INTERVAL.toMillis());
                if (!stack.isRunning()) {
                    return;
                }
                System.err.println("  [!!] " + stopped.get().name() + " stopped on its own (exit code "
                        + stopped.get().exitValue() + "); starting it again. Its log in .hypervisor/logs says why.");
                stack.restart(stopped.get());
            } catch (StackException e) {
                if (stack.isRunning()) {
                    System.err.println("error: " + e.getMessage());
                    System.exit(1);
                }
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** PostgreSQL's and Kafka's own logging goes to a file, so the terminal shows only the stack's progress. */
    private static void routeLibraryLogs(Path home) {
        Path log = home.resolve("logs").resolve("infrastructure.log");
        log.getParent().toFile().mkdirs(); // a failure to create it shows when the first line is written
        System.setProperty("org.slf4j.simpleLogger.logFile", log.toString());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.kafka", "warn");
    }

    private static String option(List<String> arguments, String name, String fallback) {
        int index = arguments.indexOf(name);
        return index >= 0 && index + 1 < arguments.size() ? arguments.get(index + 1) : fallback;
    }
}
