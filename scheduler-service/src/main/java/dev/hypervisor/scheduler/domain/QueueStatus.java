package dev.hypervisor.scheduler.domain;

import dev.hypervisor.common.resources.Resources;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one of a cluster's queues stands now: what it uses, what of that it borrows, how many of its deployments run
 * and wait, and its share ({@link QueueUsage#share}).
 */
public record QueueStatus(Resources usage, Resources borrowed, int running, int pending, double share) {

    /** Every queue's standing, by name, from the cluster's running and pending deployments (one walk of each). */
    static Map<String, QueueStatus> of(Map<String, QueueQuota> queues, Resources capacity,
                                       Collection<RunningDeployment> running, Collection<QueuedDeployment> pending) {
        QueueUsage usage = new QueueUsage(queues, capacity, running);
        Map<String, Integer> runningIn = new HashMap<>();
        running.forEach(deployment -> countIn(runningIn, deployment.deployment().queue()));
        Map<String, Integer> pendingIn = new HashMap<>();
        pending.forEach(deployment -> countIn(pendingIn, deployment.queue()));
        Map<String, QueueStatus> statuses = new LinkedHashMap<>();
        for (String queue : queues.keySet()) {
            statuses.put(queue, new QueueStatus(usage.usage(queue), usage.borrowed(queue),
                    runningIn.getOrDefault(queue, 0), pendingIn.getOrDefault(queue, 0), usage.share(queue)));
        }
        return statuses;
    }

    private static void countIn(Map<String, Integer> counts, String queue) {
        if (queue != null) {
            counts.merge(queue, 1, Integer::sum);
        }
    }
}
