package dev.hypervisor.scheduler.domain;

import dev.hypervisor.common.resources.Resources;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One cluster's deployments as the scheduler keeps them in memory between passes: the pending ones in queue
 * order, the running ones, who waits for whom, and the cluster's queues (teams) with their quotas. Rebuilt from
 * the database when the scheduler takes the cluster over, then kept in step with every change it commits. No
 * framework types, no I/O. Changes come one at a time (the scheduler's cluster change sees to that), while reads
 * may come from any thread: every method holds the queue's monitor, so a read sees each change whole.
 * Dependencies point only at deployments of the same cluster that have not failed (one that completed before its
 * dependent arrived is simply not among the dependent's unmet dependencies).
 */
public final class ClusterQueue {

    private final UUID clusterId;
    private final Resources capacity;
    private final boolean preemptionAllowed;
    private final Map<String, QueueQuota> queues;
    private final TreeSet<QueuedDeployment> pending = new TreeSet<>(QueuedDeployment.QUEUE_ORDER);
    private final Map<UUID, QueuedDeployment> pendingById = new HashMap<>();
    private final Map<UUID, RunningDeployment> running = new LinkedHashMap<>();
    /** For each pending deployment that still waits: its dependencies not yet completed. */
    private final Map<UUID, Set<UUID>> unmet = new HashMap<>();
    /** For each deployment others wait for: who waits. */
    private final Map<UUID, Set<UUID>> dependents = new HashMap<>();
    /** How many changes the queue has seen since it was built, so a caller can tell whether one changed it. */
    private long changes;

    public ClusterQueue(UUID clusterId, Resources capacity, boolean preemptionAllowed) {
        this(clusterId, capacity, preemptionAllowed, Map.of());
    }

    /** A cluster divided into queues, by name. */
    public ClusterQueue(UUID clusterId, Resources capacity, boolean preemptionAllowed,
                        Map<String, QueueQuota> queues) {
        this.clusterId = clusterId;
        this.capacity = capacity;
        this.preemptionAllowed = preemptionAllowed;
        this.queues = Collections.unmodifiableMap(new TreeMap<>(queues)); // by name
    }

    public UUID clusterId() {
        return clusterId;
    }

    public Resources capacity() {
        return capacity;
    }

    /** Counts the queue's changes (enqueue, start, requeue, complete, end) since it was built. */
    public synchronized long changes() {
        return changes;
    }

    /** A pending deployment, with those of its dependencies that have not completed yet. */
    public synchronized void enqueue(QueuedDeployment deployment, Collection<UUID> unmetDependencies) {
        changes++;
        if (pendingById.containsKey(deployment.id()) || running.containsKey(deployment.id())) {
            throw new IllegalStateException("deployment " + deployment.id() + " is already queued or running");
        }
        pending.add(deployment);
        pendingById.put(deployment.id(), deployment);
        if (!unmetDependencies.isEmpty()) {
            unmet.put(deployment.id(), new HashSet<>(unmetDependencies));
            unmetDependencies.forEach(dependency ->
                    dependents.computeIfAbsent(dependency, id -> new HashSet<>()).add(deployment.id()));
        }
    }

    /** A running deployment, as found when the queue is rebuilt. */
    public synchronized void restoreRunning(RunningDeployment deployment) {
        running.put(deployment.deployment().id(), deployment);
    }

    /** The deployment was placed: it leaves the queue and holds its resources. */
    public synchronized void start(UUID id, Instant startedAt) {
        changes++;
        QueuedDeployment deployment = removePending(id)
                .orElseThrow(() -> new IllegalStateException("deployment " + id + " is not pending"));
        running.put(id, new RunningDeployment(deployment, startedAt));
    }

    /** The deployment was preempted: it goes back to its place in the queue. */
    public synchronized void requeue(UUID id) {
        changes++;
        RunningDeployment victim = running.remove(id);
        if (victim == null) {
            throw new IllegalStateException("deployment " + id + " is not running");
        }
        pending.add(victim.deployment());
        pendingById.put(id, victim.deployment());
    }

    /** The deployment completed: it frees its resources, and those waiting for it wait for one less. */
    public synchronized void complete(UUID id) {
        changes++;
        running.remove(id);
        removePending(id);
        for (UUID dependent : dependents.getOrDefault(id, Set.of())) {
            Set<UUID> waiting = unmet.get(dependent);
            if (waiting != null) {
                waiting.remove(id);
                if (waiting.isEmpty()) {
                    unmet.remove(dependent);
                }
            }
        }
        dependents.remove(id);
    }

    /**
     * The deployment failed or was cancelled: it leaves, and so does every pending deployment that depends on it,
     * directly or not, which can never start; answers those, nearest first, for the caller to fail.
     */
    public synchronized List<UUID> end(UUID id) {
        changes++;
        running.remove(id);
        removePending(id);
        List<UUID> doomed = new ArrayList<>();
        Deque<UUID> ended = new ArrayDeque<>(List.of(id));
        while (!ended.isEmpty()) {
            Set<UUID> waiting = dependents.remove(ended.poll());
            if (waiting == null) {
                continue;
            }
            for (UUID dependent : waiting) {
                if (removePending(dependent).isPresent()) {
                    doomed.add(dependent);
                    ended.add(dependent);
                }
            }
        }
        return doomed;
    }

    public synchronized boolean hasPending() {
        return !pending.isEmpty();
    }

    public synchronized boolean isPending(UUID id) {
        return pendingById.containsKey(id);
    }

    public synchronized boolean isRunning(UUID id) {
        return running.containsKey(id);
    }

    public synchronized Optional<QueuedDeployment> pending(UUID id) {
        return Optional.ofNullable(pendingById.get(id));
    }

    public synchronized List<QueuedDeployment> pendingInOrder() {
        return List.copyOf(pending);
    }

    public synchronized Collection<RunningDeployment> running() {
        return List.copyOf(running.values());
    }

    public synchronized Set<UUID> unmetDependencies(UUID id) {
        return Set.copyOf(unmet.getOrDefault(id, Set.of()));
    }

    public synchronized Resources allocated() {
        return running.values().stream().map(deployment -> deployment.deployment().resources())
                .reduce(Resources.ZERO, Resources::plus);
    }

    /** How each of the cluster's queues stands now, by name; empty for a cluster without queues. */
    public synchronized Map<String, QueueStatus> queueStatuses() {
        return QueueStatus.of(queues, capacity, running.values(), pending);
    }

    /** What the policy decides for this queue now. */
    public synchronized SchedulingPlan plan(SchedulingPolicy policy, Instant now) {
        return policy.plan(snapshot(now));
    }

    /**
     * Why each pending deployment waits, were the scheduler to look now; one it would start right away is
     * {@link PendingReason.Reason#NOT_YET_EVALUATED}.
     */
    public synchronized Map<UUID, PendingReason> explain(SchedulingPolicy policy, Instant now) {
        SchedulingPlan plan = policy.plan(snapshot(now));
        Map<UUID, PendingReason> reasons = new HashMap<>(plan.reasons());
        Set<UUID> starting = new HashSet<>(plan.placements());
        int position = 0;
        for (QueuedDeployment deployment : pending) {
            position++;
            if (starting.contains(deployment.id())) {
                reasons.put(deployment.id(), PendingReason.startingNext(position));
            }
        }
        return reasons;
    }

    /**
     * A page of the pending deployments in queue order, after {@code after} (the last of the page before; null
     * for the first page), each with why it waits, and how many wait in all.
     */
    public synchronized QueuePage page(SchedulingPolicy policy, Instant now, QueuedDeployment after, int limit) {
        return QueuePage.of(pending, explain(policy, now), after, limit);
    }

    /** Read-only views, not copies: a pass must not cost more than walking the queue once. */
    private QueueSnapshot snapshot(Instant now) {
        return new QueueSnapshot(capacity, preemptionAllowed, Collections.unmodifiableSortedSet(pending),
                Collections.unmodifiableMap(unmet), Collections.unmodifiableCollection(running.values()), now, queues);
    }

    private Optional<QueuedDeployment> removePending(UUID id) {
        QueuedDeployment deployment = pendingById.remove(id);
        if (deployment == null) {
            return Optional.empty();
        }
        pending.remove(deployment);
        Set<UUID> waitedFor = unmet.remove(id);
        if (waitedFor != null) {
            waitedFor.forEach(dependency -> {
                Set<UUID> others = dependents.get(dependency);
                if (others != null) {
                    others.remove(id);
                    if (others.isEmpty()) {
                        dependents.remove(dependency);
                    }
                }
            });
        }
        return Optional.of(deployment);
    }
}
