package dev.hypervisor.scheduler.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One page of a cluster's queue: pending deployments in the order they will be considered, each with why it
 * waits and when it would start; how many wait in all (that the page's filter lets through); and whether more
 * follow this page.
 */
public record QueuePage(List<Waiting> items, int total, boolean more) {

    public QueuePage {
        items = List.copyOf(items);
    }

    /** The page of these deployments (in queue order) with their reasons and estimated starts. */
    static QueuePage of(List<QueuedDeployment> deployments, Map<UUID, PendingReason> reasons,
                        Map<UUID, Instant> estimatedStarts, int total, boolean more) {
        List<Waiting> items = new ArrayList<>();
        for (QueuedDeployment deployment : deployments) {
            items.add(new Waiting(deployment, reasons.get(deployment.id()), estimatedStarts.get(deployment.id())));
        }
        return new QueuePage(items, total, more);
    }

    /**
     * A pending deployment, why it waits, and when it would start at the latest were nothing else submitted (null
     * when that cannot be known: it waits for a deployment that has no run-time limit).
     */
    public record Waiting(QueuedDeployment deployment, PendingReason reason, Instant estimatedStartAt) {
    }
}
