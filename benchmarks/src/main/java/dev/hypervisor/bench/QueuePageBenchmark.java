package dev.hypervisor.bench;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.resources.Resources;
import dev.hypervisor.scheduler.domain.ClusterQueue;
import dev.hypervisor.scheduler.domain.PendingReason;
import dev.hypervisor.scheduler.domain.QueueFilter;
import dev.hypervisor.scheduler.domain.QueuePage;
import dev.hypervisor.scheduler.domain.QueuedDeployment;
import dev.hypervisor.scheduler.domain.SchedulingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 * The first page (50) of a cluster's queue with {@code pending} deployments waiting, each with its reason: what
 * {@code GET /api/v1/clusters/{id}/queue} asks of the scheduler's memory (its records for the 50 are read by id
 * beside it, a cost that does not depend on the queue). The cluster of 64 CPUs is full; {@code divided} spreads it
 * over 10 queues ({@link TeamCluster}, as in {@link SchedulingPassBenchmark}). {@code wholeExplanation} is what a
 * page cost before it walked the queue only up to its last deployment: a reason for every pending deployment.
 * With {@code limited}, every deployment may run an hour, so the page also estimates when each of its 50 starts.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class QueuePageBenchmark {

    private static final int PAGE = 50;
    private static final Instant NOW = Instant.parse("2026-01-01T01:00:00Z");
    private static final Resources ONE_CPU = new Resources(1000, 1L << 30, 0);

    @Param({"1000", "100000"})
    int pending;

    @Param({"false", "true"})
    boolean divided;

    /** Every deployment may run an hour: a page then estimates each one's start by playing the policy forward. */
    @Param({"false", "true"})
    boolean limited;

    private final SchedulingPolicy policy = new SchedulingPolicy(Duration.ofHours(2), 100);
    private ClusterQueue cluster;

    @Setup
    public void fill() {
        cluster = TeamCluster.empty(divided);
        for (int i = 0; i < 64 + pending; i++) {
            QueuedDeployment deployment = new QueuedDeployment(new UUID(9, i), Priority.values()[i % 3],
                    NOW.minusSeconds(3000).plusMillis(i), ONE_CPU,
                    divided ? TeamCluster.team(i % TeamCluster.TEAMS) : null, 1, 1,
                    limited ? Duration.ofHours(1) : null);
            cluster.enqueue(deployment, List.of());
            if (i < 64) {
                cluster.start(deployment.id(), NOW);
            }
        }
    }

    @Benchmark
    public QueuePage firstPage() {
        return cluster.page(policy, NOW, null, PAGE, QueueFilter.everything());
    }

    @Benchmark
    public Map<UUID, PendingReason> wholeExplanation() {
        return cluster.explain(policy, NOW);
    }

}
