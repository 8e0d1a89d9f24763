package dev.hypervisor.scheduler.lifecycle;

import dev.hypervisor.common.event.EventEnvelope;
import dev.hypervisor.common.event.ExecutorHeartbeat;
import dev.hypervisor.scheduler.domain.MissedHeartbeats;
import dev.hypervisor.scheduler.domain.MissedHeartbeats.Verdict;
import dev.hypervisor.scheduler.persistence.ExecutorLeaseRepository;
import dev.hypervisor.scheduler.persistence.ExecutorLeaseRepository.Lease;
import dev.hypervisor.scheduler.queue.ClusterChange;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Executors' heartbeats: each renews its cluster's lease, and a running deployment that two heartbeats in a row do
 * not list is lost ({@code EXECUTOR_LOST}, or retried as its policy says) when they can have known of it
 * ({@link MissedHeartbeats}). A heartbeat no newer than the last one taken (a redelivery, or one that arrived late)
 * changes nothing, so none is counted twice. A lease that runs out is {@link Deadlines}' to sweep.
 */
@ApplicationScoped
public class ExecutorLeases {

    private final ExecutorLeaseRepository leases;
    private final DeploymentLifecycle lifecycle;

    public ExecutorLeases(ExecutorLeaseRepository leases, DeploymentLifecycle lifecycle) {
        this.leases = leases;
        this.lifecycle = lifecycle;
    }

    /** Takes the heartbeats (by cluster, in order) within the change of their clusters. */
    public void beatWithin(ClusterChange change, Map<UUID, List<EventEnvelope<ExecutorHeartbeat>>> heartbeats) {
        Map<UUID, List<UUID>> lost = new HashMap<>();
        heartbeats.forEach((clusterId, beats) -> {
            Optional<Lease> before = leases.find(clusterId); // read and written once for all the cluster's beats
            Optional<Lease> lease = before;
            for (EventEnvelope<ExecutorHeartbeat> beat : beats) {
                if (lease.isPresent() && !beat.time().isAfter(lease.get().lastHeartbeatAt())) {
                    continue;
                }
                ExecutorHeartbeat heartbeat = beat.data();
                Verdict verdict = MissedHeartbeats.judge(change.queue(clusterId).running(),
                        new HashSet<>(heartbeat.running()), beat.time(), heartbeat.seenUntil(),
                        lease.map(Lease::missed).orElse(Set.of()));
                lease = Optional.of(new Lease(clusterId, heartbeat.executorId(), beat.time(), verdict.missed()));
                if (!verdict.lost().isEmpty()) {
                    lost.computeIfAbsent(clusterId, cluster -> new ArrayList<>()).addAll(verdict.lost());
                }
            }
            if (!lease.equals(before)) {
                leases.save(lease.orElseThrow());
            }
        });
        if (!lost.isEmpty()) {
            lifecycle.loseWithin(change, lost, "its executor did not list it in two heartbeats in a row");
        }
    }
}
