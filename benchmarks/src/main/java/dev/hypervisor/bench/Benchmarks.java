package dev.hypervisor.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@code java -jar benchmarks/target/benchmarks.jar ledger [--mode single|batch] [--clients 32] [--clusters 50]
 * [--batch 100] [--seconds 20]} against a stack started with {@code ./hypervisor up}. The scheduler's client
 * secret is read from the stack's data directory ({@code --home}, default {@code .hypervisor}).
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = Arrays.asList(args);
        if (arguments.isEmpty() || !arguments.get(0).equals("ledger")) {
            System.err.println("usage: benchmarks ledger [--mode single|batch] [--clients N] [--clusters N]"
                    + " [--batch N] [--seconds N] [--home .hypervisor] [--identity URL] [--cluster-service URL]");
            System.exit(2);
        }
        Path home = Path.of(option(arguments, "--home", ".hypervisor"));
        String secret = Files.readString(home.resolve("data/secrets/scheduler-client-secret")).strip();
        new LedgerLoad(new LedgerLoad.Settings(
                option(arguments, "--identity", "http://localhost:8081"),
                option(arguments, "--cluster-service", "http://localhost:8082"),
                secret,
                option(arguments, "--mode", "single"),
                Integer.parseInt(option(arguments, "--clients", "32")),
                Integer.parseInt(option(arguments, "--clusters", "50")),
                Integer.parseInt(option(arguments, "--batch", "100")),
                Duration.ofSeconds(Long.parseLong(option(arguments, "--seconds", "20"))))).run();
    }

    private static String option(List<String> arguments, String name, String fallback) {
        int index = arguments.indexOf(name);
        return index >= 0 && index + 1 < arguments.size() ? arguments.get(index + 1) : fallback;
    }
}
