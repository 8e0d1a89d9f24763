package dev.hypervisor.scheduler.domain;

import java.util.List;

/**
 * One page of a cluster's queue: pending deployments in the order they will be considered, each with why it
 * waits; how many wait in all; and whether more follow this page.
 */
public record QueuePage(List<Waiting> items, int total, boolean more) {

    public QueuePage {
        items = List.copyOf(items);
    }

    /** A pending deployment and why it waits. */
    public record Waiting(QueuedDeployment deployment, PendingReason reason) {
    }
}
