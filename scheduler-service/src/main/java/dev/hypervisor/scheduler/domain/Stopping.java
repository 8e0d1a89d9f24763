package dev.hypervisor.scheduler.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a pass makes of the deployments asked to stop for a graceful preemption: they still hold their resources,
 * so nothing else may count on those; they are nobody's victims again; and their preemptors wait for them.
 */
final class Stopping {

    private Stopping() {
    }

    /** The running deployments a pass may choose victims from: those not already stopping. */
    static List<RunningDeployment> preemptable(QueueSnapshot cluster) {
        List<RunningDeployment> preemptable = new ArrayList<>(cluster.running().size());
        for (RunningDeployment running : cluster.running()) {
            if (!cluster.stopping().containsKey(running.deployment().id())) {
                preemptable.add(running);
            }
        }
        return preemptable;
    }

    /** For each preemptor that waits, the victims still stopping for it, in a fixed order. */
    static Map<UUID, List<UUID>> victimsByPreemptor(QueueSnapshot cluster) {
        Map<UUID, List<UUID>> victims = new HashMap<>();
        cluster.stopping().forEach((victim, preemptor) ->
                victims.computeIfAbsent(preemptor, waiting -> new ArrayList<>()).add(victim));
        victims.values().forEach(list -> list.sort(null));
        return victims;
    }
}
