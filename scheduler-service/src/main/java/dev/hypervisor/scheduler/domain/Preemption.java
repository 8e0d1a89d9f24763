package dev.hypervisor.scheduler.domain;

import java.util.List;
import java.util.UUID;

/**
 * The preemptor starts in place of the victims, which go back to the queue; all of it or none of it.
 *
 * @param reclaim true when the preemptor's queue takes back capacity it lent (the victims borrowed it, whatever
 *                their priority); false when the victims give way to a higher priority
 */
public record Preemption(UUID preemptor, List<UUID> victims, boolean reclaim) {

    public Preemption {
        victims = List.copyOf(victims);
    }

    /** Victims of lower priority. */
    public Preemption(UUID preemptor, List<UUID> victims) {
        this(preemptor, victims, false);
    }
}
