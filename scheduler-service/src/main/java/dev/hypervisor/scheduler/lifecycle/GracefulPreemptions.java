package dev.hypervisor.scheduler.lifecycle;

import dev.hypervisor.scheduler.messaging.DeploymentEvents;
import dev.hypervisor.scheduler.persistence.DeploymentRepository;
import dev.hypervisor.scheduler.persistence.DeploymentRepository.Stopped;
import dev.hypervisor.scheduler.queue.ClusterChange;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The end of a graceful preemption: a deployment asked to stop ({@code PREEMPTING}) that its executor reports
 * {@code STOPPED}, or whose grace period ended, goes back to waiting with its place in the queue, a
 * {@code DeploymentPreempted} event says so, and its claim is released with the cluster's next ledger batch; that
 * pass gives the capacity to the preemptor, which no longer waits for it.
 */
@ApplicationScoped
public class GracefulPreemptions {

    private final DeploymentRepository deployments;
    private final DeploymentEvents events;

    public GracefulPreemptions(DeploymentRepository deployments, DeploymentEvents events) {
        this.deployments = deployments;
        this.events = events;
    }

    /**
     * Takes back, within the change, those of the deployments ({@code stopping}, by cluster) that are still asked to
     * stop; answers how many were.
     */
    public int stopWithin(ClusterChange change, Map<UUID, List<UUID>> stopping) {
        int stopped = 0;
        for (Map.Entry<UUID, List<UUID>> ofCluster : stopping.entrySet()) {
            UUID clusterId = ofCluster.getKey();
            List<Stopped> back = deployments.markStopped(ofCluster.getValue());
            for (Stopped deployment : back) {
                events.preempted(deployment.id(), clusterId, deployment.preemptedBy(), deployment.preemptions(),
                        deployment.reason());
                change.queue(clusterId).requeue(deployment.id());
            }
            change.releaseLater(clusterId, back.stream().map(Stopped::id).toList());
            stopped += back.size();
        }
        return stopped;
    }
}
