package dev.hypervisor.scheduler.domain;

import dev.hypervisor.common.resources.Resources;
import java.util.Objects;

/**
 * One of a cluster's queues as the policy sees it: what it is guaranteed ({@code quota}), the most it may use
 * beyond that of what other queues leave unused ({@code borrowingLimit}; null: no limit but what they lend), the
 * most of its own unused quota others may use ({@code lendingLimit}; null: all of it), and its weight in fair
 * sharing (a queue of weight 2 gets twice the share of one of weight 1).
 */
public record QueueQuota(String name, Resources quota, Resources borrowingLimit, Resources lendingLimit,
                         double weight) {

    public QueueQuota {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(quota, "quota");
        if (!(weight > 0)) {
            throw new IllegalArgumentException("a queue's weight is positive");
        }
    }

    /** A queue with a quota only: it borrows and lends without limits, with weight 1. */
    public static QueueQuota of(String name, Resources quota) {
        return new QueueQuota(name, quota, null, null, 1);
    }
}
