package dev.hypervisor.scheduler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.resources.Resources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random submissions, completions, failures and cancellations on one cluster, with the scheduler's
 * pass applied after each, checking after every step what must always hold:
 * <ul>
 *   <li>the cluster is never over capacity;</li>
 *   <li>no deployment is both pending and running, and none is lost or started twice;</li>
 *   <li>a deployment starts only after every one of its dependencies completed;</li>
 *   <li>queue order among eligible deployments: none left waiting could have started in place of one that
 *       started after it in queue order, and none left waiting fits in what is free unless capacity is held
 *       for an aged deployment;</li>
 *   <li>preemption only takes strictly lower priorities, and makes room;</li>
 *   <li>a gang starts whole, or (when it may start with fewer) with at least its {@code minReplicas}, and holds
 *       exactly its started replicas' resources; a preempted gang asks for all its replicas again;</li>
 *   <li>with a grace period (some seeds), victims are asked to stop and stop at random later steps: a stopping
 *       victim holds its resources and is never chosen again, and its preemptor waits for it (the pass is cut at
 *       the preemptor and run again, as the scheduler does).</li>
 * </ul>
 * Fit is judged by what a deployment needs at least: for a gang that may start with fewer, its {@code minReplicas}.
 */
class RandomizedSchedulingTest {

    private static final Duration AGING = Duration.ofMinutes(5);
    /** Few enough that the random steps meet preemptions the cap forbids. */
    private static final int MOST_VICTIMS = 2;
    private static final int STEPS = 3_000;

    @Test
    void invariantsHoldAfterEveryStep() {
        for (long seed = 1; seed <= 12; seed++) {
            new Run(seed, seed % 3 != 0, seed % 2 == 0).go();
        }
    }

    private static final class Run {
        private final Random random;
        private final long seed;
        private final ClusterQueue queue;
        private final SchedulingPolicy policy = new SchedulingPolicy(AGING, MOST_VICTIMS);
        private final Map<UUID, QueuedDeployment> all = new HashMap<>();
        private final Map<UUID, List<UUID>> dependenciesOf = new HashMap<>();
        private final Set<UUID> completed = new HashSet<>();
        private final Set<UUID> ended = new HashSet<>();
        private final Set<UUID> everStarted = new HashSet<>();
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");
        private int placements;
        private int preemptions;
        private final boolean graceful;
        private final boolean preemptionAllowed;
        /** Each victim asked to stop, with its preemptor (kept after it stopped: only the stopping are looked at). */
        private final Map<UUID, UUID> stoppingFor = new HashMap<>();

        Run(long seed, boolean preemption, boolean graceful) {
            this.seed = seed;
            this.preemptionAllowed = preemption;
            this.random = new Random(seed);
            this.graceful = graceful;
            this.queue = new ClusterQueue(UUID.randomUUID(), new Resources(16_000, 64L << 30, 4), preemption,
                    Map.of(), graceful ? Duration.ofMinutes(1) : Duration.ZERO);
        }

        void go() {
            for (int step = 0; step < STEPS; step++) {
                now = now.plusSeconds(random.nextInt(20));
                int action = random.nextInt(10);
                if (action < 5) {
                    submit();
                } else if (action < 8) {
                    finishRandomRunning(action == 7 && random.nextBoolean());
                } else {
                    cancelRandom();
                }
                if (random.nextInt(3) == 0) {
                    stopRandomStopping(step);
                }
                pass(step);
            }
            assertThat(placements).as("seed %d places deployments", seed).isGreaterThan(STEPS / 4);
            if (graceful && preemptionAllowed) {
                assertThat(stoppingFor).as("seed %d asks victims to stop", seed).isNotEmpty();
            }
        }

        private void submit() {
            Priority priority = Priority.values()[random.nextInt(3)];
            QueuedDeployment deployment;
            if (random.nextInt(4) == 0) { // a gang, one in two of them elastic
                int replicas = 2 + random.nextInt(4);
                Resources perReplica = new Resources(250L * (1 + random.nextInt(8)),
                        (1L << 30) * (1 + random.nextInt(6)), random.nextBoolean() ? 0 : 1);
                int least = random.nextBoolean() ? replicas : 1 + random.nextInt(replicas);
                while (!perReplica.times(least).fitsWithin(queue.capacity())) {
                    least--; // what the cluster could never hold is refused at submission
                }
                deployment = QueuedDeployment.gang(UUID.randomUUID(), priority, now, perReplica, null, replicas,
                        least);
            } else {
                Resources resources = new Resources(250L * (1 + random.nextInt(24)),
                        (1L << 30) * (1 + random.nextInt(16)), random.nextInt(10) < 7 ? 0 : 1 + random.nextInt(2));
                deployment = new QueuedDeployment(UUID.randomUUID(), priority, now, resources);
            }
            if (random.nextInt(3) > 0) { // most with a run-time limit, so pages estimate their starts
                deployment = deployment.withMaxRunDuration(Duration.ofMinutes(1 + random.nextInt(120)));
            }
            List<UUID> dependencies = new ArrayList<>();
            List<UUID> candidates = all.keySet().stream().filter(id -> !ended.contains(id) || completed.contains(id))
                    .sorted().toList();
            int wanted = candidates.isEmpty() || random.nextInt(4) > 0 ? 0 : 1 + random.nextInt(2);
            for (int i = 0; i < wanted; i++) {
                UUID dependency = candidates.get(random.nextInt(candidates.size()));
                if (!dependencies.contains(dependency)) {
                    dependencies.add(dependency);
                }
            }
            all.put(deployment.id(), deployment);
            dependenciesOf.put(deployment.id(), dependencies);
            queue.enqueue(deployment, dependencies.stream().filter(id -> !completed.contains(id)).toList());
        }

        private void finishRandomRunning(boolean failed) {
            List<RunningDeployment> running = new ArrayList<>(queue.running());
            if (running.isEmpty()) {
                return;
            }
            UUID id = running.get(random.nextInt(running.size())).deployment().id();
            ended.add(id);
            if (failed) {
                ended.addAll(queue.end(id));
            } else {
                completed.add(id);
                queue.complete(id);
            }
        }

        private void cancelRandom() {
            List<UUID> live = new ArrayList<>();
            queue.pendingInOrder().forEach(deployment -> live.add(deployment.id()));
            queue.running().forEach(running -> live.add(running.deployment().id()));
            if (live.isEmpty()) {
                return;
            }
            UUID id = live.get(random.nextInt(live.size()));
            ended.add(id);
            List<UUID> doomed = queue.end(id);
            ended.addAll(doomed);
            doomed.forEach(dependent -> assertThat(queue.isPending(dependent) || queue.isRunning(dependent))
                    .as("seed %d: cascaded %s is gone", seed, dependent).isFalse());
        }

        /** A victim asked to stop has stopped: back to the queue, whole. */
        private void stopRandomStopping(int step) {
            List<UUID> stopping = queue.running().stream().map(running -> running.deployment().id())
                    .filter(queue::isStopping).sorted().toList();
            if (stopping.isEmpty()) {
                return;
            }
            UUID victim = stopping.get(random.nextInt(stopping.size()));
            queue.requeue(victim);
            assertThat(queue.pending(victim).orElseThrow()).as("seed %d step %d: stopped, requeued whole", seed, step)
                    .isEqualTo(all.get(victim));
        }

        /** A pass, and again while a graceful preemption cut it short (as the scheduler's loop does). */
        private void pass(int step) {
            while (passOnce(step)) {
                assertThat(queue.allocated().fitsWithin(queue.capacity())).isTrue();
            }
        }

        /** Applies one plan; answers true when a graceful preemption cut it short, checking the rest only if not. */
        private boolean passOnce(int step) {
            List<QueuedDeployment> before = queue.pendingInOrder();
            SchedulingPlan plan = queue.plan(policy, now);
            Map<UUID, Preemption> preemptionOf = new HashMap<>();
            for (Preemption preemption : plan.preemptions()) {
                preemptionOf.put(preemption.preemptor(), preemption);
                Priority preemptor = all.get(preemption.preemptor()).priority();
                assertThat(preemption.victims()).as("seed %d step %d: victims of one preemption", seed, step)
                        .hasSizeLessThanOrEqualTo(MOST_VICTIMS);
                for (UUID victim : preemption.victims()) {
                    assertThat(preemptor.outranks(all.get(victim).priority()))
                            .as("seed %d step %d: victim of lower priority", seed, step).isTrue();
                    assertThat(queue.isStopping(victim)).as("seed %d step %d: a stopping victim is taken again",
                            seed, step).isFalse();
                }
            }
            for (UUID id : plan.placements()) {
                Preemption preemption = preemptionOf.get(id);
                if (preemption != null && graceful) {
                    preemption.victims().forEach(victim -> {
                        queue.stopping(victim, id);
                        stoppingFor.put(victim, id);
                    });
                    preemptions += preemption.victims().size();
                    return true; // what the plan placed after it counted on the victims' capacity
                }
                if (preemption != null) {
                    for (UUID victim : preemption.victims()) {
                        queue.requeue(victim);
                        assertThat(queue.pending(victim).orElseThrow())
                                .as("seed %d step %d: requeued whole", seed, step).isEqualTo(all.get(victim));
                        preemptions++;
                    }
                }
                assertThat(completed).as("seed %d step %d: dependencies of %s completed", seed, step, id)
                        .containsAll(dependenciesOf.get(id));
                assertThat(ended).doesNotContain(id);
                QueuedDeployment asked = queue.pending(id).orElseThrow();
                QueuedDeployment starting = plan.asStarted(asked);
                assertThat(starting.replicas()).as("seed %d step %d: replicas %s starts with", seed, step, id)
                        .isBetween(asked.minReplicas(), asked.replicas());
                queue.start(id, starting.replicas(), now);
                assertThat(queue.running().stream().filter(running -> running.deployment().id().equals(id))
                        .findFirst().orElseThrow().deployment().resources())
                        .isEqualTo(asked.perReplica().times(starting.replicas()));
                everStarted.add(id);
                placements++;
            }
            checkInvariants(step, before, plan);
            return false;
        }

        private void checkInvariants(int step, List<QueuedDeployment> before, SchedulingPlan plan) {
            String context = "seed " + seed + " step " + step;
            PageChecks.aRandomPageAgreesWithTheWholeExplanation(queue, policy, now, random, context);
            Resources allocated = queue.allocated();
            assertThat(allocated.fitsWithin(queue.capacity())).as("%s: within capacity", context).isTrue();
            Set<UUID> pendingIds = new HashSet<>();
            queue.pendingInOrder().forEach(deployment -> pendingIds.add(deployment.id()));
            queue.running().forEach(running -> assertThat(pendingIds).as(context)
                    .doesNotContain(running.deployment().id()));
            for (UUID id : all.keySet()) {
                boolean live = queue.isPending(id) || queue.isRunning(id);
                assertThat(live).as("%s: %s is live exactly when it has not ended", context, id)
                        .isEqualTo(!ended.contains(id));
            }

            Resources free = queue.capacity().minus(allocated);
            Set<UUID> placed = new HashSet<>(plan.placements());
            boolean held = plan.reasons().values().stream()
                    .anyMatch(reason -> reason.reason() == PendingReason.Reason.QUEUED_BEHIND_HIGHER_PRIORITY);
            Set<UUID> preemptorsWaiting = new HashSet<>();
            stoppingFor.forEach((victim, preemptor) -> {
                if (queue.isStopping(victim)) {
                    assertThat(plan.placements()).as("%s: a preemptor starts while its victim still stops", context)
                            .doesNotContain(preemptor);
                }
            });
            plan.reasons().forEach((id, reason) -> {
                if (reason.reason() == PendingReason.Reason.WAITING_FOR_PREEMPTION) {
                    preemptorsWaiting.add(id);
                    assertThat(reason.waitingFor()).as("%s: the victims it waits for still stop", context)
                            .allMatch(queue::isStopping);
                }
            });
            Resources startedLater = Resources.ZERO;
            for (int i = before.size() - 1; i >= 0; i--) {
                QueuedDeployment deployment = before.get(i);
                if (placed.contains(deployment.id())) {
                    startedLater = startedLater.plus(plan.asStarted(deployment).resources());
                    continue;
                }
                Resources least = deployment.smallest().resources();
                if (!queue.isPending(deployment.id()) || !queue.unmetDependencies(deployment.id()).isEmpty()
                        || preemptorsWaiting.contains(deployment.id())) {
                    continue;
                }
                if (!held) {
                    assertThat(least.fitsWithin(free))
                            .as("%s: eligible %s fits but was left waiting", context, deployment.id()).isFalse();
                }
                boolean heldBack = plan.reasons().get(deployment.id()).reason()
                        == PendingReason.Reason.QUEUED_BEHIND_HIGHER_PRIORITY;
                if (plan.preemptions().isEmpty() && !heldBack) {
                    assertThat(least.fitsWithin(free.plus(startedLater)))
                            .as("%s: %s was passed over by deployments behind it", context, deployment.id())
                            .isFalse();
                }
                boolean aged = !deployment.submittedAt().plus(AGING).isAfter(now);
                if (aged) {
                    assertThat(startedLater.isZero())
                            .as("%s: nothing behind aged %s starts", context, deployment.id()).isTrue();
                }
            }
        }
    }
}
