package dev.hypervisor.scheduler.domain;

import dev.hypervisor.common.resources.Resources;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * What each queue of a cluster uses, kept up to date through one scheduling pass, and what the queues' quotas
 * allow from there.
 * <ul>
 *   <li>A queue <em>borrows</em> what it uses beyond its quota, and <em>lends</em> at most its unused quota,
 *       within its lending limit.</li>
 *   <li>A deployment may start in its queue when the queue's use stays within its quota, or when what it then
 *       borrows stays within its borrowing limit and all queues together borrow no more than all lend.</li>
 *   <li>A queue's <em>share</em> is its dominant share (for each resource, use ÷ quota, the largest; a resource
 *       it has no quota of counts against the cluster's capacity) divided by its weight.</li>
 * </ul>
 * A deployment without a queue of the cluster (submitted before its cluster was divided) counts against no
 * quota and has a share of zero: it is limited by what is free alone.
 */
final class QueueUsage {

    private final Map<String, QueueQuota> queues;
    private final Resources capacity;
    private final Map<String, Resources> usage = new HashMap<>();

    QueueUsage(Map<String, QueueQuota> queues, Resources capacity, Collection<RunningDeployment> running) {
        this.queues = queues;
        this.capacity = capacity;
        queues.keySet().forEach(queue -> usage.put(queue, Resources.ZERO));
        running.forEach(deployment -> add(deployment.deployment()));
    }

    void add(QueuedDeployment deployment) {
        if (counts(deployment.queue())) {
            usage.merge(deployment.queue(), deployment.resources(), Resources::plus);
        }
    }

    void remove(QueuedDeployment deployment) {
        if (counts(deployment.queue())) {
            usage.computeIfPresent(deployment.queue(), (queue, used) -> used.minus(deployment.resources()));
        }
    }

    Resources usage(String queue) {
        return usage.getOrDefault(queue, Resources.ZERO);
    }

    /** What the queue uses beyond its quota. */
    Resources borrowed(String queue) {
        return usage(queue).shortfall(quota(queue).quota());
    }

    /** True when the deployment fits in what its queue's quota leaves: no borrowing needed. */
    boolean withinQuota(QueuedDeployment deployment) {
        return !counts(deployment.queue()) || usage(deployment.queue()).plus(deployment.resources()).fitsWithin(quota(deployment.queue()).quota());
    }

    /**
     * What the deployment would use beyond what its queue may: beyond its borrowing limit, or beyond what the
     * other queues lend. Zero when the quotas let it start.
     */
    Resources beyondQuota(QueuedDeployment deployment) {
        String queue = deployment.queue();
        if (!counts(queue)) {
            return Resources.ZERO;
        }
        QueueQuota quota = quota(queue);
        Resources after = usage(queue).plus(deployment.resources());
        Resources borrowing = after.shortfall(quota.quota());
        Resources beyondLimit = quota.borrowingLimit() == null ? Resources.ZERO
                : borrowing.shortfall(quota.borrowingLimit());
        // What the other queues lend and already borrow; only this deployment's own borrowing can be too much.
        Resources borrowedByOthers = Resources.ZERO;
        Resources lentByOthers = Resources.ZERO;
        for (String other : queues.keySet()) {
            if (!other.equals(queue)) {
                borrowedByOthers = borrowedByOthers.plus(borrowed(other));
                lentByOthers = lentByOthers.plus(lendable(quota(other), usage(other)));
            }
        }
        Resources beyondLent = smaller(borrowing, borrowedByOthers.plus(borrowing).shortfall(lentByOthers));
        return larger(beyondLimit, beyondLent);
    }

    /**
     * True when the quotas could never let the deployment start, not even with every other queue idle: it asks
     * for more than its queue's quota and all the queue may ever borrow.
     */
    boolean neverAllows(QueuedDeployment deployment) {
        String queue = deployment.queue();
        if (!counts(queue)) {
            return false;
        }
        Resources lentByAllIdle = Resources.ZERO;
        for (String other : queues.keySet()) {
            if (!other.equals(queue)) {
                lentByAllIdle = lentByAllIdle.plus(lendable(quota(other), Resources.ZERO));
            }
        }
        QueueQuota quota = quota(queue);
        Resources mostBorrowed = quota.borrowingLimit() == null ? lentByAllIdle
                : smaller(lentByAllIdle, quota.borrowingLimit());
        return !deployment.resources().fitsWithin(quota.quota().plus(mostBorrowed));
    }

    /** The queue's dominant share divided by its weight: who is furthest behind what it is due goes first. */
    double share(String queue) {
        if (!counts(queue)) {
            return 0;
        }
        QueueQuota quota = quota(queue);
        Resources used = usage(queue);
        double dominant = Math.max(fraction(used.cpuMillis(), quota.quota().cpuMillis(), capacity.cpuMillis()),
                Math.max(fraction(used.memoryBytes(), quota.quota().memoryBytes(), capacity.memoryBytes()),
                        fraction(used.gpu(), quota.quota().gpu(), capacity.gpu())));
        return dominant / quota.weight();
    }

    /** True for a queue of the cluster; a deployment without one (or of one since removed) counts against none. */
    boolean counts(String queue) {
        return queue != null && queues.containsKey(queue);
    }

    QueueQuota quota(String queue) {
        QueueQuota quota = queues.get(queue);
        if (quota == null) {
            throw new IllegalArgumentException("the cluster has no queue " + queue);
        }
        return quota;
    }

    /** What a queue lends at a use: its unused quota, at most its lending limit. */
    private static Resources lendable(QueueQuota quota, Resources used) {
        Resources unused = quota.quota().shortfall(used);
        return quota.lendingLimit() == null ? unused : smaller(unused, quota.lendingLimit());
    }

    private static double fraction(long used, long quota, long capacity) {
        if (used == 0) {
            return 0;
        }
        long base = quota > 0 ? quota : capacity;
        return base > 0 ? (double) used / base : Double.MAX_VALUE;
    }

    private static Resources larger(Resources a, Resources b) {
        return a.plus(b.shortfall(a));
    }

    private static Resources smaller(Resources a, Resources b) {
        return a.minus(a.shortfall(b));
    }
}
