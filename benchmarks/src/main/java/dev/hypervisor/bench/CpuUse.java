package dev.hypervisor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.stream.Stream;

/**
 * The CPU time the stack's processes and this load generator use, from {@code /proc} (Linux only): each process
 * the stack records in {@code run/processes} with its child processes (PostgreSQL's connections), the stack's own
 * process ({@code run/stack.pid}, which runs the simulated executor), this process, and how busy the machine's
 * cores were. It shows where a placement's time goes. It is no machine-independent measure of cost: every stage
 * works as soon as something arrives, so with CPU to spare the stages batch less and each placement pays more of
 * their fixed costs (docs/benchmarks.md, "Latency by offered rate, and the CPU a placement costs").
 */
final class CpuUse {

    /** Clock ticks per second in {@code /proc}: USER_HZ, which Linux fixes at 100 for user space. */
    private static final double TICKS_PER_SECOND = 100;
    private static final String LOAD_GENERATOR = "load generator";

    /**
     * CPU ticks used so far by each named part, per process of it (a part restarted by the stack is a new
     * process; each is counted with its children), and by the machine's cores.
     */
    record Sample(Map<String, Map<Long, Long>> ticks, long machineBusy, long machineAll) {
    }

    /** What {@code /proc/<pid>/stat} says of a process: its parent, its own ticks, its reaped children's. */
    record ProcessTicks(long parent, long own, long reapedChildren) {

        /** Parses a stat line; the name in parentheses may hold spaces and parentheses, so fields follow the last. */
        static ProcessTicks parse(String stat) {
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new ProcessTicks(Long.parseLong(fields[1]), Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
                    Long.parseLong(fields[13]) + Long.parseLong(fields[14]));
        }
    }

    private final Path run;
    private final Path proc;

    CpuUse(Path home) {
        this(home.resolve("run"), Path.of("/proc"));
    }

    /** {@code run}: the stack's run directory; {@code proc}: where the processes' figures are. */
    CpuUse(Path run, Path proc) {
        this.run = run;
        this.proc = proc;
    }

    /** The ticks used so far; empty where there is no {@code /proc} or the stack records no processes. */
    Optional<Sample> sample() {
        try {
            Map<Long, String> named = recordedProcesses();
            Map<Long, ProcessTicks> all = allProcesses();
            Map<String, Map<Long, Long>> ticks = new LinkedHashMap<>();
            named.values().forEach(name -> ticks.put(name, new HashMap<>())); // in the order the stack started them
            all.forEach((pid, process) -> {
                // A child that ended is in its parent's reaped ticks, so the sum does not drop when one ends.
                long part = named.containsKey(pid) ? pid : process.parent();
                long used = named.containsKey(pid) ? process.own() + process.reapedChildren() : process.own();
                if (named.containsKey(part)) {
                    ticks.get(named.get(part)).merge(part, used, Long::sum);
                }
            });
            long self = ProcessHandle.current().pid();
            ticks.put(LOAD_GENERATOR, Map.of(self, all.get(self).own()));
            long[] machine = machineTicks(Files.readAllLines(proc.resolve("stat")).get(0));
            return Optional.of(new Sample(ticks, machine[0], machine[1]));
        } catch (IOException | RuntimeException unavailable) {
            return Optional.empty();
        }
    }

    /**
     * One line: the milliseconds of one core each part used per placement between the two samples, in all, and
     * how busy the cores were meanwhile. A part restarted in between is marked: what its ended process used after
     * the first sample cannot be read any more, so its figure counts the new process only.
     */
    static String perPlacement(Sample before, Sample after, long placements) {
        StringJoiner line = new StringJoiner(", ", "CPU per placement (ms of one core): ", "");
        long all = 0;
        for (Map.Entry<String, Map<Long, Long>> part : after.ticks().entrySet()) {
            Map<Long, Long> earlier = before.ticks().getOrDefault(part.getKey(), Map.of());
            long used = 0;
            for (Map.Entry<Long, Long> process : part.getValue().entrySet()) {
                used += process.getValue() - earlier.getOrDefault(process.getKey(), 0L); // 0: started since
            }
            all += used;
            boolean restarted = !part.getValue().keySet().containsAll(earlier.keySet());
            line.add(String.format(Locale.ROOT, "%s %.2f%s", part.getKey(), millis(used) / placements,
                    restarted ? " (restarted: the new process only)" : ""));
        }
        double busy = (after.machineBusy() - before.machineBusy())
                / (double) Math.max(1, after.machineAll() - before.machineAll());
        return String.format(Locale.ROOT, "%s; in all %.2f; the machine's cores %.0f%% busy", line,
                millis(all) / placements, busy * 100);
    }

    /**
     * Busy and all ticks of every core, from the first line of {@code /proc/stat}; idle and waiting for I/O are not
     * busy.
     */
    static long[] machineTicks(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        long all = 0;
        for (int i = 1; i < Math.min(fields.length, 9); i++) { // user to steal; guest time is counted in user
            all += Long.parseLong(fields[i]);
        }
        long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
        return new long[] {all - idle, all};
    }

    private static double millis(long ticks) {
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    /** The stack's processes by pid, the stack's own first. */
    private Map<Long, String> recordedProcesses() throws IOException {
        Map<String, Long> byName = new LinkedHashMap<>();
        Path stack = run.resolve("stack.pid");
        if (Files.exists(stack)) {
            byName.put("local stack", Long.parseLong(Files.readString(stack).strip()));
        }
        byName.putAll(StackProcesses.read(run.resolve("processes")));
        Map<Long, String> byPid = new LinkedHashMap<>();
        byName.forEach((name, pid) -> byPid.put(pid, name));
        return byPid;
    }

    private Map<Long, ProcessTicks> allProcesses() throws IOException {
        Map<Long, ProcessTicks> all = new HashMap<>();
        try (Stream<Path> entries = Files.list(proc)) {
            for (Path entry : entries.filter(path -> path.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    all.put(Long.parseLong(entry.getFileName().toString()),
                            ProcessTicks.parse(Files.readString(entry.resolve("stat"))));
                } catch (IOException ended) {
                    // the process ended while we looked
                }
            }
        }
        return all;
    }
}
