package dev.hypervisor.scheduler.domain;

import dev.hypervisor.common.resources.Resources;
import java.util.Collection;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One of a cluster's queues as the policy sees it: what it is guaranteed ({@code quota}), the most it may use
 * beyond that of what other queues leave unused ({@code borrowingLimit}; null: no limit but what they lend), the
 * most of its own unused quota others may use ({@code lendingLimit}; null: all of it), and its weight in fair
 * sharing (a queue of weight 2 gets twice the share of one of weight 1).
 */
public record QueueQuota(String name, Resources quota, Resources borrowingLimit, Resources lendingLimit,
                         double weight) {

    /** What a queue may be called: 1 to 63 of lower-case letters, digits and '-' (a Kubernetes label value). */
    public static final String NAME_PATTERN = "^[a-z0-9-]{1,63}$";
    public static final Pattern NAME = Pattern.compile(NAME_PATTERN);

    public QueueQuota {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(quota, "quota");
        if (!(weight > 0)) {
            throw new IllegalArgumentException("a queue's weight is positive");
        }
    }

    /**
     * True when the queues' quotas together exceed the cluster's capacity: it was made smaller after they were set
     * (cluster-service does not know queues, so it cannot refuse that). Quotas are then promises the cluster cannot
     * keep all at once, and deployments start by what is really free.
     */
    public static boolean overcommitted(Collection<QueueQuota> queues, Resources capacity) {
        Resources promised = Resources.ZERO;
        for (QueueQuota queue : queues) {
            promised = promised.plus(queue.quota());
        }
        return !promised.fitsWithin(capacity);
    }

    /** A queue with a quota only: it borrows and lends without limits, with weight 1. */
    public static QueueQuota of(String name, Resources quota) {
        return new QueueQuota(name, quota, null, null, 1);
    }
}
