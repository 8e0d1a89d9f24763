package dev.hypervisor.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a running stack leaves in {@code .hypervisor/run}: its own process id, and the id and name of every
 * process it started, so that {@code ./hypervisor down} stops exactly those, even after the stack itself was
 * killed without a chance to clean up; and where its Kafka listens ({@code kafka-bootstrap-servers}), for tools
 * such as the benchmarks.
 */
final class RunFiles {

    private final Path stackPid;
    private final Path processes;
    private final Path kafka;

    RunFiles(Path runDirectory) {
        this.stackPid = runDirectory.resolve("stack.pid");
        this.processes = runDirectory.resolve("processes");
        this.kafka = runDirectory.resolve("kafka-bootstrap-servers");
    }

    void recordKafka(String bootstrapServers) {
        try {
            Files.writeString(kafka, bootstrapServers + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + kafka, e);
        }
    }

    /** The process id of a stack that is still running, if there is one. */
    Optional<Long> runningStack() {
        try {
            if (!Files.exists(stackPid)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(stackPid).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    void recordStack() {
        try {
            Files.createDirectories(stackPid.getParent());
            Files.writeString(stackPid, ProcessHandle.current().pid() + "\n");
            Files.writeString(processes, "");
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + stackPid, e);
        }
    }

    /**
     * Records the part's process, in place of the one it had before (a restart): the file lists every part once,
     * with the process that runs it now, so that nothing reads a dead process id as one of the stack's. Written
     * whole to a new file that then replaces the old, so a reader never sees half of it.
     */
    synchronized void recordProcess(long pid, String name) {
        try {
            Map<String, Long> byName = new LinkedHashMap<>();
            for (String line : Files.exists(processes) ? Files.readAllLines(processes) : List.<String>of()) {
                String[] fields = line.trim().split(" ");
                if (fields.length == 2) {
                    byName.put(fields[1], Long.parseLong(fields[0]));
                }
            }
            byName.put(name, pid);
            StringBuilder text = new StringBuilder();
            byName.forEach((part, process) -> text.append(process).append(' ').append(part).append('\n'));
            Path written = processes.resolveSibling(processes.getFileName() + ".new");
            Files.writeString(written, text, StandardCharsets.UTF_8);
            Files.move(written, processes, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + processes, e);
        }
    }

    void clear() {
        try {
            Files.deleteIfExists(stackPid);
            Files.deleteIfExists(processes);
            Files.deleteIfExists(kafka);
        } catch (IOException e) {
            // a leftover run file only makes the next start check a dead process id
        }
    }
}
