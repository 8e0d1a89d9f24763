package dev.hypervisor.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A long run's figures over time, one line per interval: placements per second, request-to-placement latency,
 * errors, and each service's memory (resident set from {@code /proc}, and heap in use from its metrics). The
 * verdict compares the last third of the run with the first third (after the first interval, which warms up):
 * steady means p99 latency and resident memory grew by less than half.
 */
final class SoakReport {

    /** One interval's figures. */
    record Interval(long endSecond, double placedPerSecond, Latencies latencies, long errors,
                    Map<String, Long> residentMiB, Map<String, Long> heapMiB) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path processes;
    private final Map<String, String> services;
    private final List<Interval> intervals = new ArrayList<>();

    /** {@code services}: each service's name as the stack records its process, and its base URL. */
    SoakReport(Path home, Map<String, String> services) {
        this.processes = home.resolve("run/processes");
        this.services = services;
    }

    void header() {
        StringBuilder line = new StringBuilder("   t  placed/s  p50 ms  p99 ms  max ms  errors");
        services.keySet().forEach(name -> line.append(String.format(Locale.ROOT, "  %s rss/heap MiB", name)));
        System.out.println(line);
    }

    void record(long endSecond, double placedPerSecond, Latencies latencies, long errors) {
        Map<String, Long> resident = new LinkedHashMap<>();
        Map<String, Long> heap = new LinkedHashMap<>();
        services.forEach((name, url) -> {
            resident.put(name, residentMiB(name));
            heap.put(name, heapMiB(url));
        });
        Interval interval = new Interval(endSecond, placedPerSecond, latencies, errors, resident, heap);
        intervals.add(interval);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%4d  %8.0f  %6.1f  %6.1f  %6.1f  %6d",
                endSecond, placedPerSecond, latencies.percentileMillis(50), latencies.percentileMillis(99),
                latencies.percentileMillis(100), errors));
        services.keySet().forEach(name -> line.append(String.format(Locale.ROOT, "  %8d/%-6d", resident.get(name),
                heap.get(name))));
        System.out.println(line);
    }

    /** The last line: steady or not, and why. */
    String verdict() {
        if (intervals.size() < 4) {
            return "soak: too short to judge (fewer than four intervals)";
        }
        List<Interval> measured = intervals.subList(1, intervals.size());
        int third = Math.max(1, measured.size() / 3);
        List<Interval> first = measured.subList(0, third);
        List<Interval> last = measured.subList(measured.size() - third, measured.size());
        double p99Before = average(first, interval -> interval.latencies().percentileMillis(99));
        double p99After = average(last, interval -> interval.latencies().percentileMillis(99));
        List<String> grown = new ArrayList<>();
        if (p99After > p99Before * 1.5 + 5) {
            grown.add(String.format(Locale.ROOT, "p99 %.1f -> %.1f ms", p99Before, p99After));
        }
        for (String name : services.keySet()) {
            double before = average(first, interval -> interval.residentMiB().get(name));
            double after = average(last, interval -> interval.residentMiB().get(name));
            if (after > before * 1.5) {
                grown.add(String.format(Locale.ROOT, "%s resident %.0f -> %.0f MiB", name, before, after));
            }
        }
        long errors = intervals.get(intervals.size() - 1).errors();
        String summary = String.format(Locale.ROOT, "p99 %.1f -> %.1f ms (first third -> last third), %d errors",
                p99Before, p99After, errors);
        return grown.isEmpty() && errors == 0 ? "soak: STEADY; " + summary
                : "soak: NOT STEADY (" + String.join(", ", grown) + (errors > 0 ? ", errors" : "") + "); " + summary;
    }

    private static double average(List<Interval> intervals, java.util.function.ToDoubleFunction<Interval> value) {
        return intervals.stream().mapToDouble(value).average().orElse(0);
    }

    /** The resident set of the service's process as last recorded by the stack, in MiB; -1 when unknown. */
    private long residentMiB(String name) {
        try {
            Long pid = StackProcesses.read(processes).get(name);
            if (pid != null) {
                for (String status : Files.readAllLines(Path.of("/proc", pid.toString(), "status"))) {
                    if (status.startsWith("VmRSS:")) {
                        return Long.parseLong(status.replaceAll("\\D", "")) / 1024;
                    }
                }
            }
        } catch (IOException | RuntimeException unknown) {
            // not on Linux, or the process is gone
        }
        return -1;
    }

    /** The heap the service uses now (all heap pools), from its Prometheus metrics, in MiB; -1 when unknown. */
    private static long heapMiB(String baseUrl) {
        try {
            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
            double bytes = metrics.lines()
                    .filter(line -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
            return (long) (bytes / (1 << 20));
        } catch (IOException | RuntimeException unknown) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
