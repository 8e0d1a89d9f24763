package dev.hypervisor.scheduler.domain;

import dev.hypervisor.common.deployment.Priority;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Which pending deployments a page of a cluster's queue shows: those of one queue, of one priority, among some
 * deployments (a person's), or any mix of these; a null field lets everything through.
 *
 * @param among the only deployments to show, when given (a page then costs what they number)
 */
public record QueueFilter(String queue, Priority priority, Set<UUID> among) {

    private static final QueueFilter EVERYTHING = new QueueFilter(null, null, null);

    public QueueFilter {
        among = among == null ? null : Set.copyOf(among);
    }

    public QueueFilter(String queue, Priority priority) {
        this(queue, priority, null);
    }

    public static QueueFilter everything() {
        return EVERYTHING;
    }

    public boolean isEverything() {
        return queue == null && priority == null && among == null;
    }

    public boolean matches(QueuedDeployment deployment) {
        return (queue == null || Objects.equals(queue, deployment.queue()))
                && (priority == null || priority == deployment.priority())
                && (among == null || among.contains(deployment.id()));
    }
}
