package dev.hypervisor.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFilesTest {

    @TempDir
    Path run;

    @Test
    void aRestartedPartIsListedOnceWithItsNewProcess() throws IOException {
        RunFiles files = new RunFiles(run);
        files.recordStack();
        files.recordProcess(100, "postgres");
        files.recordProcess(200, "cluster-service");
        files.recordProcess(300, "scheduler-service");

        files.recordProcess(201, "cluster-service");

        assertThat(Files.readAllLines(run.resolve("processes")))
                .containsExactly("100 postgres", "201 cluster-service", "300 scheduler-service");
    }
}
