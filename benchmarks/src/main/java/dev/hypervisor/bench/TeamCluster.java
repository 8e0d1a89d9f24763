package dev.hypervisor.bench;

import dev.hypervisor.common.resources.Resources;
import dev.hypervisor.scheduler.domain.ClusterQueue;
import dev.hypervisor.scheduler.domain.QueueQuota;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The cluster the scheduler's JMH benchmarks fill: 64 CPUs without preemption, either one queue for everything or
 * divided among {@link #TEAMS} teams' queues with a tenth of it each.
 */
final class TeamCluster {

    static final int TEAMS = 10;

    private TeamCluster() {
    }

    static ClusterQueue empty(boolean divided) {
        Map<String, QueueQuota> queues = new LinkedHashMap<>();
        if (divided) {
            for (int i = 0; i < TEAMS; i++) {
                queues.put(team(i), QueueQuota.of(team(i), new Resources(6400, 6400L << 20, 0)));
            }
        }
        return new ClusterQueue(UUID.randomUUID(), new Resources(64_000, 64L << 30, 0), false, queues);
    }

    /** The name of a team's queue. */
    static String team(int team) {
        return "team-" + team;
    }
}
