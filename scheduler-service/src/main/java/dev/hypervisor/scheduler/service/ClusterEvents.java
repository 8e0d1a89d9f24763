package dev.hypervisor.scheduler.service;

import dev.hypervisor.common.event.DeploymentRequested;
import dev.hypervisor.common.event.DeploymentStatusReported;
import dev.hypervisor.common.event.EventEnvelope;
import dev.hypervisor.scheduler.service.DeploymentIntake.ScreenedRequests;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * What the Kafka door read for one cluster in one poll, handled in one change of the cluster (one transaction):
 * the deployment requests (through the same intake as the REST API), then the executors' status reports (through
 * the same lifecycle), each in the order it arrived. One change rather than one per kind, because a change costs
 * its lock, its last writes and its commit whatever it holds.
 */
@ApplicationScoped
public class ClusterEvents {

    private final DeploymentIntake intake;
    private final DeploymentLifecycle lifecycle;
    private final ClusterQueues queues;
    private final SchedulingLoop loop;

    public ClusterEvents(DeploymentIntake intake, DeploymentLifecycle lifecycle, ClusterQueues queues,
                         SchedulingLoop loop) {
        this.intake = intake;
        this.lifecycle = lifecycle;
        this.queues = queues;
        this.loop = loop;
    }

    public void handle(UUID clusterId, List<EventEnvelope<DeploymentRequested>> requests,
                       List<DeploymentStatusReported> reports) {
        ScreenedRequests screened = intake.screen(clusterId, requests);
        if (screened.isEmpty() && reports.isEmpty()) {
            return;
        }
        List<UUID> ended = queues.change(clusterId, queue -> {
            intake.storeWithin(queue, screened);
            return lifecycle.endReportedWithin(queue, reports);
        });
        loop.release(clusterId, ended);
        if (!screened.isEmpty()) {
            loop.wake(clusterId);
        }
    }
}
