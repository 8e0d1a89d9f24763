package dev.hypervisor.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.resources.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Random submissions and ends on a cluster divided into three queues with random quotas and limits, passes
 * applied until nothing changes after each step, checking what must always hold:
 * <ul>
 *   <li>the cluster is never over capacity;</li>
 *   <li>no queue uses more than its quota plus its borrowing limit;</li>
 *   <li>a lender asking back gets it: no queue's next deployment (queues start theirs in order; one its queue's
 *       quota could never allow is passed over) waits within its queue's quota while what is free and what other
 *       queues borrow would hold it (where the cluster allows preemption);</li>
 *   <li>only reclaim takes a victim whatever its priority; other preemptions take strictly lower priorities;</li>
 *   <li>every pending deployment can say why it waits.</li>
 * </ul>
 */
class RandomizedFairShareTest {

    private static final String[] QUEUES = {"a", "b", "c"};
    private static final int STEPS = 1_500;

    @Test
    void invariantsHoldAfterEveryStep() {
        for (long seed = 1; seed <= 8; seed++) {
            new Run(seed, seed % 4 != 0).go();
        }
    }

    /**
     * Three busy queues with equal quotas and weights 1, 2 and 3, and a fourth that lends all of its quota: over a
     * long run of random completions (deployments of 1 to 3 CPUs), each busy queue's use comes to its weight's part
     * of the cluster (equal shares: use ÷ quota ÷ weight), within 10%.
     */
    @Test
    void busyQueuesShareTheClusterByTheirWeights() {
        Random random = new Random(42);
        Map<String, QueueQuota> quotas = new LinkedHashMap<>();
        for (int weight = 1; weight <= 3; weight++) {
            String name = "w" + weight;
            quotas.put(name, new QueueQuota(name, new Resources(10_000, 100L << 30, 0), null, null, weight));
        }
        quotas.put("idle", QueueQuota.of("idle", new Resources(90_000, 900L << 30, 0)));
        ClusterQueue cluster = new ClusterQueue(UUID.randomUUID(), new Resources(120_000, 1200L << 30, 0), true,
                quotas);
        SchedulingPolicy policy = new SchedulingPolicy(Duration.ofDays(365), 1_000);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Map<String, Long> cpuSteps = new HashMap<>();
        int measured = 0;
        for (int step = 0; step < 4_000; step++) {
            now = now.plusSeconds(1);
            for (String queue : List.of("w1", "w2", "w3")) { // always more waiting than can run
                long waiting = cluster.pendingInOrder().stream().filter(d -> queue.equals(d.queue())).count();
                for (long i = waiting; i < 5; i++) {
                    cluster.enqueue(new QueuedDeployment(UUID.randomUUID(), Priority.MEDIUM, now,
                            new Resources(1_000L * (1 + random.nextInt(3)), 1L << 30, 0), queue), List.of());
                }
            }
            List<RunningDeployment> running = new ArrayList<>(cluster.running());
            if (!running.isEmpty()) {
                cluster.complete(running.get(random.nextInt(running.size())).deployment().id());
            }
            SchedulingPlan plan = cluster.plan(policy, now);
            plan.preemptions().forEach(preemption -> preemption.victims().forEach(cluster::requeue));
            for (UUID id : plan.placements()) {
                cluster.start(id, now);
            }
            if (step >= 500) {
                measured++;
                cluster.queueStatuses().forEach((queue, status) ->
                        cpuSteps.merge(queue, status.usage().cpuMillis(), Long::sum));
            }
        }
        for (int weight = 1; weight <= 3; weight++) {
            double average = cpuSteps.get("w" + weight) / (double) measured / 1000;
            assertThat(average).as("queue w%d's average CPUs in use (its part: %d of 120)", weight, 20 * weight)
                    .isBetween(20 * weight * 0.9, 20 * weight * 1.1);
        }
    }

    private static final class Run {
        private final Random random;
        private final long seed;
        private final Resources capacity = new Resources(16_000, 64L << 30, 4);
        private final Map<String, QueueQuota> quotas = new LinkedHashMap<>();
        private final ClusterQueue cluster;
        private final SchedulingPolicy policy = new SchedulingPolicy(Duration.ofDays(365), 1_000);
        private final Map<UUID, QueuedDeployment> all = new HashMap<>();
        private final boolean preemption;
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");
        private int reclaims;

        Run(long seed, boolean preemption) {
            this.seed = seed;
            this.random = new Random(seed);
            this.preemption = preemption;
            // The quotas share out the whole cluster, so that a lender asking back has to reclaim.
            long[] cpus = split(16);
            long[] gpus = split(4);
            for (int i = 0; i < QUEUES.length; i++) {
                String queue = QUEUES[i];
                Resources quota = new Resources(1_000L * cpus[i], 16L << 30, gpus[i]);
                Resources borrowing = random.nextBoolean() ? null : new Resources(1_000L * random.nextInt(4),
                        16L << 30, random.nextInt(2));
                Resources lending = random.nextBoolean() ? null : new Resources(1_000L * random.nextInt(4),
                        16L << 30, random.nextInt(2));
                quotas.put(queue, new QueueQuota(queue, quota, borrowing, lending, 1 + random.nextInt(3)));
            }
            this.cluster = new ClusterQueue(UUID.randomUUID(), capacity, preemption, quotas);
        }

        /** A random split of the whole into as many parts as there are queues, each at least 1 where it can. */
        private long[] split(long whole) {
            long[] parts = new long[QUEUES.length];
            long left = whole;
            for (int i = 0; i < parts.length - 1; i++) {
                parts[i] = Math.min(left, 1 + random.nextInt((int) Math.max(1, whole / 2)));
                left -= parts[i];
            }
            parts[parts.length - 1] = left;
            return parts;
        }

        void go() {
            for (int step = 0; step < STEPS; step++) {
                now = now.plusSeconds(1);
                if (random.nextInt(3) > 0 || cluster.running().isEmpty()) {
                    submit();
                } else {
                    List<RunningDeployment> running = new ArrayList<>(cluster.running());
                    cluster.complete(running.get(random.nextInt(running.size())).deployment().id());
                }
                settle();
                check(step);
            }
            if (preemption) {
                assertThat(reclaims).as("seed %d: the random steps met reclaims", seed).isPositive();
            }
        }

        private void submit() {
            String queue = QUEUES[random.nextInt(QUEUES.length)];
            Priority priority = Priority.values()[random.nextInt(Priority.values().length)];
            QueuedDeployment deployment = new QueuedDeployment(UUID.randomUUID(), priority, now,
                    new Resources(1_000L * (1 + random.nextInt(3)), 1L << 30, random.nextInt(4) == 0 ? 1 : 0),
                    queue);
            all.put(deployment.id(), deployment);
            cluster.enqueue(deployment, List.of());
        }

        /** Passes until one changes nothing, as the scheduler's passes do between changes. */
        private void settle() {
            for (int pass = 0; pass < 10; pass++) {
                SchedulingPlan plan = cluster.plan(policy, now);
                if (plan.changesNothing()) {
                    return;
                }
                for (Preemption preemption : plan.preemptions()) {
                    QueuedDeployment preemptor = all.get(preemption.preemptor());
                    for (UUID victim : preemption.victims()) {
                        if (preemption.reclaim()) {
                            reclaims++;
                            assertThat(all.get(victim).queue()).as("seed %d: reclaim from another queue", seed)
                                    .isNotEqualTo(preemptor.queue());
                        } else {
                            assertThat(preemptor.priority().outranks(all.get(victim).priority()))
                                    .as("seed %d: only lower priorities give way", seed).isTrue();
                        }
                        cluster.requeue(victim);
                    }
                }
                plan.placements().forEach(id -> cluster.start(id, now));
            }
            throw new AssertionError("seed " + seed + ": passes kept changing things (a preemption loop?)");
        }

        /** The most a queue could ever use: its quota and what it may borrow of the others' quotas, all idle. */
        private Resources mostEver(String queue) {
            Resources lendable = Resources.ZERO;
            for (QueueQuota other : quotas.values()) {
                if (!other.name().equals(queue)) {
                    lendable = lendable.plus(other.lendingLimit() == null ? other.quota()
                            : other.quota().minus(other.quota().shortfall(other.lendingLimit())));
                }
            }
            Resources limit = quotas.get(queue).borrowingLimit();
            Resources borrowable = limit == null ? lendable : lendable.minus(lendable.shortfall(limit));
            return quotas.get(queue).quota().plus(borrowable);
        }

        private void check(int step) {
            PageChecks.aRandomPageAgreesWithTheWholeExplanation(cluster, policy, now, random,
                    "seed " + seed + " step " + step);
            assertThat(cluster.explain(policy, now).keySet())
                    .as("seed %d step %d: a reason for every pending deployment", seed, step)
                    .containsExactlyInAnyOrderElementsOf(cluster.pendingInOrder().stream()
                            .map(QueuedDeployment::id).toList());
            Resources used = Resources.ZERO;
            Map<String, Resources> byQueue = new HashMap<>();
            for (RunningDeployment running : cluster.running()) {
                used = used.plus(running.deployment().resources());
                byQueue.merge(running.deployment().queue(), running.deployment().resources(), Resources::plus);
            }
            assertThat(used.fitsWithin(capacity)).as("seed %d step %d: within capacity", seed, step).isTrue();
            Resources borrowedByAll = Resources.ZERO;
            for (QueueQuota quota : quotas.values()) {
                Resources usage = byQueue.getOrDefault(quota.name(), Resources.ZERO);
                if (quota.borrowingLimit() != null) {
                    assertThat(usage.fitsWithin(quota.quota().plus(quota.borrowingLimit())))
                            .as("seed %d step %d: queue %s within quota and borrowing limit", seed, step, quota.name())
                            .isTrue();
                }
                borrowedByAll = borrowedByAll.plus(usage.shortfall(quota.quota()));
            }
            if (!preemption) {
                return;
            }
            Resources free = capacity.shortfall(used);
            Map<String, QueuedDeployment> nextOfQueue = new HashMap<>();
            for (QueuedDeployment waiting : cluster.pendingInOrder()) {
                if (waiting.resources().fitsWithin(mostEver(waiting.queue()))) {
                    nextOfQueue.putIfAbsent(waiting.queue(), waiting);
                }
            }
            for (QueuedDeployment waiting : nextOfQueue.values()) {
                QueueQuota quota = quotas.get(waiting.queue());
                Resources usage = byQueue.getOrDefault(waiting.queue(), Resources.ZERO);
                Resources borrowedByOthers = borrowedByAll.minus(usage.shortfall(quota.quota()));
                boolean withinQuota = usage.plus(waiting.resources()).fitsWithin(quota.quota());
                assertThat(withinQuota && waiting.resources().fitsWithin(free.plus(borrowedByOthers)))
                        .as("seed %d step %d: %s waits within its quota while others borrow what it needs", seed,
                                step, waiting)
                        .isFalse();
            }
        }
    }
}
