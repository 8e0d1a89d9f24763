package dev.hypervisor.scheduler.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.UUID;

/**
 * One page of a cluster's queue: pending deployments in the order they will be considered, each with why it
 * waits; how many wait in all; and whether more follow this page.
 */
public record QueuePage(List<Waiting> items, int total, boolean more) {

    public QueuePage {
        items = List.copyOf(items);
    }

    /** The page of {@code pending} (in queue order) after {@code after} (null: from the head), with the reasons. */
    static QueuePage of(NavigableSet<QueuedDeployment> pending, Map<UUID, PendingReason> reasons,
                        QueuedDeployment after, int limit) {
        List<Waiting> items = new ArrayList<>();
        for (QueuedDeployment deployment : after == null ? pending : pending.tailSet(after, false)) {
            if (items.size() == limit) {
                return new QueuePage(items, pending.size(), true);
            }
            items.add(new Waiting(deployment, reasons.get(deployment.id())));
        }
        return new QueuePage(items, pending.size(), false);
    }

    /** A pending deployment and why it waits. */
    public record Waiting(QueuedDeployment deployment, PendingReason reason) {
    }
}
