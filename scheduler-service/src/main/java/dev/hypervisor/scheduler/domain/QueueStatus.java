package dev.hypervisor.scheduler.domain;

import dev.hypervisor.common.resources.Resources;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one of a cluster's queues stands now: what it uses, what of that it borrows, how many of its deployments run
 * and wait, and its share ({@link QueueUsage#share}).
 */
public record QueueStatus(Resources usage, Resources borrowed, int running, int pending, double share) {

    /** Every queue's standing, by name, from the cluster's running and pending deployments. */
    static Map<String, QueueStatus> of(Map<String, QueueQuota> queues, Resources capacity,
                                       Collection<RunningDeployment> running, Collection<QueuedDeployment> pending) {
        QueueUsage usage = new QueueUsage(queues, capacity, running);
        Map<String, QueueStatus> statuses = new LinkedHashMap<>();
        for (String queue : queues.keySet()) {
            int runningInQueue = (int) running.stream()
                    .filter(deployment -> queue.equals(deployment.deployment().queue())).count();
            int pendingInQueue = (int) pending.stream().filter(deployment -> queue.equals(deployment.queue())).count();
            statuses.put(queue, new QueueStatus(usage.usage(queue), usage.borrowed(queue), runningInQueue,
                    pendingInQueue, usage.share(queue)));
        }
        return statuses;
    }
}
