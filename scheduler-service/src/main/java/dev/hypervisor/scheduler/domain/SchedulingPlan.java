package dev.hypervisor.scheduler.domain;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one scheduling pass decided for a cluster: the deployments to start (in queue order, including the
 * preemptors), the preemptions that make room for some of them, and why each remaining deployment still waits.
 */
public record SchedulingPlan(List<UUID> placements, List<Preemption> preemptions, Map<UUID, PendingReason> reasons) {

    public SchedulingPlan {
        placements = List.copyOf(placements);
        preemptions = List.copyOf(preemptions);
        reasons = Map.copyOf(reasons);
    }

    public boolean changesNothing() {
        return placements.isEmpty() && preemptions.isEmpty();
    }
}
