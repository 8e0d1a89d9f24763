package dev.hypervisor.scheduler.domain;

import dev.hypervisor.common.resources.Resources;
import java.time.Duration;
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
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

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
    private final Duration preemptionGracePeriod;
    private final TreeSet<QueuedDeployment> pending = new TreeSet<>(QueuedDeployment.QUEUE_ORDER);
    private final Map<UUID, QueuedDeployment> pendingById = new HashMap<>();
    /**
     * The pending deployments whose dependencies have all completed, by queue, each in queue order: what a pass on
     * a cluster divided into queues walks, queue by queue.
     */
    private final Map<String, TreeSet<QueuedDeployment>> ready = new HashMap<>();
    private final Map<UUID, RunningDeployment> running = new LinkedHashMap<>();
    private final Dependencies dependencies = new Dependencies();
    /** Running deployments asked to stop for a graceful preemption, each with its preemptor. */
    private final Map<UUID, UUID> stopping = new HashMap<>();
    /** How many changes the queue has seen since it was built, so a caller can tell whether one changed it. */
    private long changes;

    public ClusterQueue(UUID clusterId, Resources capacity, boolean preemptionAllowed) {
        this(clusterId, capacity, preemptionAllowed, Map.of());
    }

    /** A cluster divided into queues, by name. */
    public ClusterQueue(UUID clusterId, Resources capacity, boolean preemptionAllowed,
                        Map<String, QueueQuota> queues) {
        this(clusterId, capacity, preemptionAllowed, queues, Duration.ZERO);
    }

    /**
     * A cluster divided into queues (none: empty) whose preempted deployments get {@code preemptionGracePeriod} to
     * stop (zero: they stop at once).
     */
    public ClusterQueue(UUID clusterId, Resources capacity, boolean preemptionAllowed,
                        Map<String, QueueQuota> queues, Duration preemptionGracePeriod) {
        this.clusterId = clusterId;
        this.preemptionGracePeriod = preemptionGracePeriod;
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

    /** May lower-priority deployments be preempted here (and lent capacity be reclaimed). */
    public boolean preemptionAllowed() {
        return preemptionAllowed;
    }

    /** How long a deployment preempted here may take to stop; zero: it stops at once. */
    public Duration preemptionGracePeriod() {
        return preemptionGracePeriod;
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
        dependencies.add(deployment.id(), unmetDependencies);
        if (!dependencies.waits(deployment.id())) {
            markReady(deployment);
        }
    }

    /** A copy to ask "what if" of, as it is now: the same queues, running and pending deployments. */
    synchronized ClusterQueue copy() {
        return copyWith(pending);
    }

    /**
     * A copy with the running deployments and the pending ones up to {@code last} in queue order: all that a walk
     * in queue order comes to before it.
     */
    synchronized ClusterQueue copyUpTo(QueuedDeployment last) {
        return copyWith(pending.headSet(last, true));
    }

    private ClusterQueue copyWith(Collection<QueuedDeployment> pendingOnes) {
        ClusterQueue copy = new ClusterQueue(clusterId, capacity, preemptionAllowed, queues, preemptionGracePeriod);
        running.values().forEach(copy::restoreRunning);
        copy.stopping.putAll(stopping);
        pendingOnes.forEach(deployment -> copy.enqueue(deployment, dependencies.unmetOf(deployment.id())));
        return copy;
    }

    /** A running deployment, as found when the queue is rebuilt. */
    public synchronized void restoreRunning(RunningDeployment deployment) {
        running.put(deployment.deployment().id(), deployment);
    }

    /** The deployment was placed whole: it leaves the queue and holds its resources. */
    public synchronized void start(UUID id, Instant startedAt) {
        start(id, pending(id).map(QueuedDeployment::replicas).orElse(1), startedAt);
    }

    /**
     * The deployment was placed with {@code replicas} of its replicas (a gang may start with fewer than it asks
     * for): it leaves the queue and holds their resources.
     */
    public synchronized void start(UUID id, int replicas, Instant startedAt) {
        changes++;
        QueuedDeployment deployment = removePending(id)
                .orElseThrow(() -> new IllegalStateException("deployment " + id + " is not pending"));
        running.put(id, new RunningDeployment(deployment.withReplicas(replicas), startedAt, deployment.replicas()));
    }

    /**
     * The running deployment was asked to stop for a graceful preemption: it holds its resources until it has
     * ({@link #requeue}), is nobody's victim meanwhile, and its preemptor waits for it.
     */
    public synchronized void stopping(UUID id, UUID preemptor) {
        changes++;
        if (!running.containsKey(id)) {
            throw new IllegalStateException("deployment " + id + " is not running");
        }
        stopping.put(id, preemptor);
    }

    public synchronized boolean isStopping(UUID id) {
        return stopping.containsKey(id);
    }

    /** The deployment was preempted or is retried: it goes back to its place in the queue, asking for all of it. */
    public synchronized void requeue(UUID id) {
        changes++;
        RunningDeployment victim = stopHolding(id);
        if (victim == null) {
            throw new IllegalStateException("deployment " + id + " is not running");
        }
        QueuedDeployment asked = victim.asked();
        pending.add(asked);
        pendingById.put(id, asked);
        markReady(asked);
    }

    /** The deployment completed: it frees its resources, and those waiting for it wait for one less. */
    public synchronized void complete(UUID id) {
        changes++;
        stopHolding(id);
        removePending(id);
        dependencies.completed(id).forEach(free -> markReady(pendingById.get(free)));
    }

    /**
     * The deployment failed or was cancelled: it leaves, and so does every pending deployment that depends on it,
     * directly or not, which can never start; answers those, nearest first, for the caller to fail.
     */
    public synchronized List<UUID> end(UUID id) {
        changes++;
        stopHolding(id);
        removePending(id);
        List<UUID> doomed = new ArrayList<>();
        Deque<UUID> ended = new ArrayDeque<>(List.of(id));
        while (!ended.isEmpty()) {
            for (UUID dependent : dependencies.endedFor(ended.poll())) {
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

    /** True when no running deployment is {@code such}; looks at them where they are, copying none. */
    synchronized boolean noneRunning(Predicate<RunningDeployment> such) {
        return running.values().stream().noneMatch(such);
    }

    public synchronized Set<UUID> unmetDependencies(UUID id) {
        return dependencies.unmetOf(id);
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
        return explain(policy, now, ExplanationScope.everyone());
    }

    /**
     * Why the deployment waits and when it would start at the latest, walking the queue no further than to it;
     * empty when it is not pending here.
     */
    public synchronized Optional<QueuePage.Waiting> explain(SchedulingPolicy policy, Instant now, UUID id) {
        QueuedDeployment deployment = pendingById.get(id);
        if (deployment == null) {
            return Optional.empty();
        }
        List<QueuedDeployment> asked = List.of(deployment);
        Map<UUID, PendingReason> reasons = explain(policy, now, ExplanationScope.of(asked));
        return Optional.of(new QueuePage.Waiting(deployment, reasons.get(id),
                StartEstimate.of(this, asked, reasons, policy, now).get(id)));
    }

    /** What the policy decides now, walking the queue only until it has come to every one of {@code wanted}. */
    synchronized SchedulingPlan planUpTo(SchedulingPolicy policy, Instant now, Collection<QueuedDeployment> wanted) {
        return policy.explain(snapshot(now), ExplanationScope.of(wanted));
    }

    /**
     * The reasons of the deployments of the scope, each with its position: its place in the queue's order
     * (priority, then submission), which is the order a page lists them in, whatever order the policy's walk took.
     */
    private Map<UUID, PendingReason> explain(SchedulingPolicy policy, Instant now, ExplanationScope scope) {
        SchedulingPlan plan = policy.explain(snapshot(now), scope);
        Set<UUID> starting = new HashSet<>(plan.placements());
        Map<UUID, PendingReason> reasons = new HashMap<>();
        int left = scope.size(pending.size());
        int position = 0;
        for (QueuedDeployment deployment : pending) {
            if (left == 0) {
                break; // no further than the last asked about: the walk came no further either
            }
            position++;
            if (!scope.wants(deployment.id())) {
                continue;
            }
            left--;
            PendingReason reason = starting.contains(deployment.id()) ? PendingReason.startingNext(position)
                    : plan.reasons().get(deployment.id());
            if (reason != null) {
                reasons.put(deployment.id(), reason.at(position));
            }
        }
        return reasons;
    }

    /**
     * A page of the pending deployments the filter lets through, in queue order, after {@code after} (the last of
     * the page before; null for the first page), each with why it waits and when it would start at the latest
     * ({@link StartEstimate}), and how many it lets through in all. The
     * explanation walks the queue only up to the page's last deployment, so a page near the head costs the same
     * however long the queue; a page filtered by queue or priority counts its total with one comparison per
     * pending deployment, one among given deployments (a person's) with one per each of them.
     */
    public synchronized QueuePage page(SchedulingPolicy policy, Instant now, QueuedDeployment after, int limit,
                                       QueueFilter filter) {
        NavigableSet<QueuedDeployment> candidates = pending;
        if (filter.among() != null) { // few, found by id rather than looked for in the whole queue
            candidates = new TreeSet<>(QueuedDeployment.QUEUE_ORDER);
            for (UUID id : filter.among()) {
                QueuedDeployment deployment = pendingById.get(id);
                if (deployment != null) {
                    candidates.add(deployment);
                }
            }
        }
        List<QueuedDeployment> items = new ArrayList<>();
        boolean more = false;
        for (QueuedDeployment deployment : after == null ? candidates : candidates.tailSet(after, false)) {
            if (!filter.matches(deployment)) {
                continue;
            }
            if (items.size() == limit) {
                more = true;
                break;
            }
            items.add(deployment);
        }
        Map<UUID, PendingReason> reasons = explain(policy, now, ExplanationScope.of(items));
        int total = filter.isEverything() ? pending.size()
                : (int) candidates.stream().filter(filter::matches).count();
        return QueuePage.of(items, reasons, StartEstimate.of(this, items, reasons, policy, now), total, more);
    }

    /** Read-only views, not copies: a pass must cost what it looks at, not what the queue holds. */
    private QueueSnapshot snapshot(Instant now) {
        Map<String, SortedSet<QueuedDeployment>> readyView = new HashMap<>();
        ready.forEach((queue, deployments) -> readyView.put(queue, Collections.unmodifiableSortedSet(deployments)));
        return new QueueSnapshot(capacity, preemptionAllowed, Collections.unmodifiableSortedSet(pending),
                dependencies.view(), Collections.unmodifiableCollection(running.values()), now, queues,
                Collections.unmodifiableMap(readyView), Collections.unmodifiableMap(stopping));
    }

    /** The deployment no longer holds resources here (nor stops); answers what it held, null when nothing. */
    private RunningDeployment stopHolding(UUID id) {
        stopping.remove(id);
        return running.remove(id);
    }

    private void markReady(QueuedDeployment deployment) {
        ready.computeIfAbsent(deployment.queue(), queue -> new TreeSet<>(QueuedDeployment.QUEUE_ORDER)).add(deployment);
    }

    private Optional<QueuedDeployment> removePending(UUID id) {
        QueuedDeployment deployment = pendingById.remove(id);
        if (deployment == null) {
            return Optional.empty();
        }
        pending.remove(deployment);
        TreeSet<QueuedDeployment> itsQueue = ready.get(deployment.queue());
        if (itsQueue != null && itsQueue.remove(deployment) && itsQueue.isEmpty()) {
            ready.remove(deployment.queue());
        }
        dependencies.forget(id);
        return Optional.of(deployment);
    }
}
