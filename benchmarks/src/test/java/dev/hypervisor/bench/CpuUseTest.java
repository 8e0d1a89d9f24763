package dev.hypervisor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuUseTest {

    private static final long SELF = ProcessHandle.current().pid();

    @TempDir
    Path run;
    @TempDir
    Path proc;

    @Test
    void readsAStatLineWhoseNameHoldsSpacesAndParentheses() {
        CpuUse.ProcessTicks ticks = CpuUse.ProcessTicks.parse(stat(42, "java (main) x", 7, 120, 30, 5, 6));

        assertThat(ticks).isEqualTo(new CpuUse.ProcessTicks(7, 150, 11));
    }

    @Test
    void chargesEachStackProcessWithItsChildrenPerPlacement() throws IOException {
        Files.writeString(run.resolve("stack.pid"), "10\n");
        // scheduler-service was restarted: 31 is the process now, 30 an older one that is no concern any more
        Files.writeString(run.resolve("processes"), "20 postgres\n30 scheduler-service\n31 scheduler-service\n");
        process(10, 1, 30, 0);
        process(20, 1, 100, 0);
        process(21, 20, 50, 0); // a PostgreSQL connection
        process(30, 1, 5_000, 0);
        process(31, 1, 200, 0);
        process(SELF, 1, 40, 0);
        Files.writeString(proc.resolve("stat"), "cpu  1000 0 200 700 100 0 0 0 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\n");
        CpuUse cpu = new CpuUse(run, proc);
        CpuUse.Sample before = cpu.sample().orElseThrow();

        process(10, 1, 40, 0);
        process(20, 1, 130, 80); // the connection ended after using 80 ticks in all: its parent reaped them
        Files.delete(proc.resolve("21/stat"));
        process(30, 1, 9_000, 0);
        process(31, 1, 300, 0);
        process(SELF, 1, 60, 0);
        Files.writeString(proc.resolve("stat"), "cpu  1600 0 300 900 200 0 0 0 0 0\n");
        CpuUse.Sample after = cpu.sample().orElseThrow();

        assertThat(CpuUse.perPlacement(before, after, 100)).isEqualTo("CPU per placement (ms of one core):"
                + " local stack 1.00, postgres 6.00, scheduler-service 10.00, load generator 2.00; in all 19.00;"
                + " the machine's cores 70% busy");
    }

    @Test
    void aPartRestartedBetweenTheSamplesCountsItsNewProcessNeverANegativeFigure() throws IOException {
        Files.writeString(run.resolve("processes"), "30 cluster-service\n");
        process(30, 1, 5_000, 0);
        process(SELF, 1, 40, 0);
        Files.writeString(proc.resolve("stat"), "cpu  1000 0 200 700 100 0 0 0 0 0\n");
        CpuUse cpu = new CpuUse(run, proc);
        CpuUse.Sample before = cpu.sample().orElseThrow();

        Files.delete(proc.resolve("30/stat")); // it died, and the stack started it again
        Files.writeString(run.resolve("processes"), "31 cluster-service\n");
        process(31, 1, 200, 0);
        process(SELF, 1, 40, 0);
        Files.writeString(proc.resolve("stat"), "cpu  1600 0 300 900 200 0 0 0 0 0\n");
        CpuUse.Sample after = cpu.sample().orElseThrow();

        assertThat(CpuUse.perPlacement(before, after, 100)).isEqualTo("CPU per placement (ms of one core):"
                + " cluster-service 20.00 (restarted: the new process only), load generator 0.00; in all 20.00;"
                + " the machine's cores 70% busy");
    }

    @Test
    void hasNoSampleWithoutTheStacksRecords() {
        assertThat(new CpuUse(run, proc).sample()).isEmpty();
    }

    private void process(long pid, long parent, long utime, long reapedChildren) throws IOException {
        Path directory = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(directory.resolve("stat"), stat(pid, "java", parent, utime, 0, reapedChildren, 0));
    }

    private static String stat(long pid, String name, long parent, long utime, long stime, long cutime,
                               long cstime) {
        return pid + " (" + name + ") S " + parent + " 0 0 0 -1 4194304 10 0 0 0 " + utime + " " + stime + " "
                + cutime + " " + cstime + " 20 0 42 0 100\n";
    }
}
