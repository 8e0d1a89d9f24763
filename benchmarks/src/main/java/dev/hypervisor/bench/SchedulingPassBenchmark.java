package dev.hypervisor.bench;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.resources.Resources;
import dev.hypervisor.scheduler.domain.ClusterQueue;
import dev.hypervisor.scheduler.domain.QueuedDeployment;
import dev.hypervisor.scheduler.domain.SchedulingPlan;
import dev.hypervisor.scheduler.domain.SchedulingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One scheduling pass of the policy, on its own (no database, no ledger), on a busy cluster of 64 CPUs: one team
 * has flooded it with {@code depth} pending deployments and borrowed all the others left unused, the nine other
 * teams each run four and have two more waiting, and one CPU has just been freed. The pass starts one deployment
 * and finds that nothing else can start; what it costs beyond that is what the queue's depth adds.
 * {@code divided=false} is the same cluster without queues (one queue, backfill over all of it), for comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SchedulingPassBenchmark {

    private static final Instant NOW = Instant.parse("2026-01-01T01:00:00Z");
    private static final Resources ONE_CPU = new Resources(1000, 1L << 30, 0);

    @Param({"1000", "10000", "80000"})
    int depth;

    @Param({"true", "false"})
    boolean divided;

    private final SchedulingPolicy policy = new SchedulingPolicy(Duration.ofHours(2), 100);
    private ClusterQueue cluster;

    @Setup
    public void fill() {
        cluster = TeamCluster.empty(divided);
        long sequence = 0;
        // the nine teams run 4 each; the flood runs the 27 that are left but one, and waits with `depth` more
        for (int team = 1; team < TeamCluster.TEAMS; team++) {
            for (int i = 0; i < 6; i++) {
                QueuedDeployment deployment = deployment(++sequence, team, NOW.minusSeconds(600 - i));
                cluster.enqueue(deployment, List.of());
                if (i < 4) {
                    cluster.start(deployment.id(), NOW);
                }
            }
        }
        for (int i = 0; i < depth + 27; i++) {
            QueuedDeployment deployment = deployment(++sequence, 0, NOW.minusSeconds(3000).plusMillis(i));
            cluster.enqueue(deployment, List.of());
            if (i < 27) {
                cluster.start(deployment.id(), NOW);
            }
        }
    }

    @Benchmark
    public SchedulingPlan pass() {
        return cluster.plan(policy, NOW);
    }

    private QueuedDeployment deployment(long sequence, int team, Instant submittedAt) {
        return new QueuedDeployment(new UUID(7, sequence), Priority.LOW, submittedAt, ONE_CPU,
                divided ? TeamCluster.team(team) : null);
    }

}
