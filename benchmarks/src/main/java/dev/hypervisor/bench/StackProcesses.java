package dev.hypervisor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The processes a local stack records in its {@code run/processes} file, one {@code <pid> <name>} line each. */
final class StackProcesses {

    private StackProcesses() {
    }

    /**
     * Each name's process, in the order the stack first started them; a name recorded again (a restart) names the
     * newer process.
     */
    static Map<String, Long> read(Path processes) throws IOException {
        Map<String, Long> byName = new LinkedHashMap<>();
        for (String line : Files.readAllLines(processes)) {
            String[] fields = line.trim().split(" ");
            if (fields.length == 2) {
                byName.put(fields[1], Long.parseLong(fields[0]));
            }
        }
        return byName;
    }
}
