package dev.hypervisor.scheduler.domain;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one scheduling pass decided for a cluster: the deployments to start (in queue order, including the
 * preemptors), the preemptions that make room for some of them, and why each remaining deployment still waits.
 * {@code fewerReplicas} names the gangs that start with fewer replicas than they ask for (partial admission),
 * with how many; every other placement starts whole.
 */
public record SchedulingPlan(List<UUID> placements, List<Preemption> preemptions, Map<UUID, PendingReason> reasons,
                             Map<UUID, Integer> fewerReplicas) {

    public SchedulingPlan {
        placements = List.copyOf(placements);
        preemptions = List.copyOf(preemptions);
        reasons = Map.copyOf(reasons);
        fewerReplicas = Map.copyOf(fewerReplicas);
    }

    /** A plan that starts every placement whole. */
    public SchedulingPlan(List<UUID> placements, List<Preemption> preemptions, Map<UUID, PendingReason> reasons) {
        this(placements, preemptions, reasons, Map.of());
    }

    /** The placed deployment as it starts: whole, or with the replicas the plan gives it. */
    public QueuedDeployment asStarted(QueuedDeployment placed) {
        Integer replicas = fewerReplicas.get(placed.id());
        return replicas == null ? placed : placed.withReplicas(replicas);
    }

    public boolean changesNothing() {
        return placements.isEmpty() && preemptions.isEmpty();
    }
}
