package dev.hypervisor.scheduler.domain;

import java.util.List;
import java.util.UUID;

/** The preemptor starts in place of the victims, which go back to the queue; all of it or none of it. */
public record Preemption(UUID preemptor, List<UUID> victims) {

    public Preemption {
        victims = List.copyOf(victims);
    }
}
