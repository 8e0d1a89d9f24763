package dev.hypervisor.scheduler.messaging;

import dev.hypervisor.common.event.DeploymentCancelled;
import dev.hypervisor.common.event.DeploymentCompleted;
import dev.hypervisor.common.event.DeploymentEvent;
import dev.hypervisor.common.event.DeploymentFailed;
import dev.hypervisor.common.event.DeploymentPlaced;
import dev.hypervisor.common.event.DeploymentPreempted;
import dev.hypervisor.common.event.DeploymentPreempting;
import dev.hypervisor.common.event.DeploymentRetried;
import dev.hypervisor.common.event.DeploymentQueued;
import dev.hypervisor.common.event.DeploymentRejected;
import dev.hypervisor.common.event.EventEnvelope;
import dev.hypervisor.common.event.ExecutorHeartbeat;
import dev.hypervisor.scheduler.domain.Deployment;
import dev.hypervisor.scheduler.persistence.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Writes the events of what happened to deployments into the outbox, in the caller's transaction. */
@ApplicationScoped
public class DeploymentEvents {

    public static final String SOURCE = "scheduler-service";

    private final Outbox outbox;
    private final Clock clock;

    public DeploymentEvents(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public void queued(Deployment deployment) {
        write(List.of(new DeploymentQueued(deployment.id(), deployment.clusterId(), deployment.organizationId(),
                deployment.name(), deployment.priority(), deployment.resources(), deployment.dependsOn(),
                deployment.submittedAt())));
    }

    public void rejected(UUID deploymentId, UUID clusterId, String code, String reason) {
        write(List.of(new DeploymentRejected(deploymentId, clusterId, code, reason)));
    }

    public void placed(List<Deployment> placed, Instant startedAt) {
        write(placed.stream().<DeploymentEvent>map(deployment -> new DeploymentPlaced(deployment.id(),
                deployment.clusterId(), deployment.name(), deployment.image(), deployment.resources(),
                deployment.priority(), deployment.labels(), startedAt, deployment.replicasRunning(),
                deployment.organizationId(), deployment.maxRunDuration(), deployment.attempts())).toList());
    }

    /** The victim gave way; {@code reclaimed}: its queue had borrowed the capacity, and the lender took it back. */
    public void preempted(Deployment victim, UUID preemptor, boolean reclaimed) {
        preempted(victim.id(), victim.clusterId(), preemptor, victim.preemptions() + 1,
                reclaimed ? DeploymentPreempted.RECLAIMED : DeploymentPreempted.PREEMPTED);
    }

    /** The victim gave way, its {@code preemptions}-th time, for {@code reason} (PREEMPTED or RECLAIMED). */
    public void preempted(UUID victim, UUID clusterId, UUID preemptor, int preemptions, String reason) {
        write(List.of(new DeploymentPreempted(victim, clusterId, preemptor, preemptions, reason)));
    }

    /** The victim is asked to stop by {@code stopBy}, when its capacity goes to its preemptor anyway. */
    public void preempting(UUID victim, UUID clusterId, UUID preemptor, Instant stopBy, String reason) {
        write(List.of(new DeploymentPreempting(victim, clusterId, preemptor, stopBy, reason)));
    }

    public void completed(UUID deploymentId, UUID clusterId, String message, Instant at) {
        write(List.of(new DeploymentCompleted(deploymentId, clusterId, message, at)));
    }

    public void failed(List<UUID> deploymentIds, UUID clusterId, String reason, String message, Instant at) {
        write(deploymentIds.stream().<DeploymentEvent>map(id -> new DeploymentFailed(id, clusterId, reason, message,
                at)).toList());
    }

    /** The deployment's attempt ended for {@code reason} and it waits to be started again. */
    public void retried(Deployment deployment, String reason, String message, Instant at) {
        write(List.of(new DeploymentRetried(deployment.id(), deployment.clusterId(), deployment.attempts(), reason,
                message, at)));
    }

    /** An executor's heartbeat that came through the API, for the status topic, where the others come in. */
    public void heartbeat(UUID clusterId, String executorId, List<UUID> running, Instant seenUntil) {
        write(List.of(new ExecutorHeartbeat(clusterId, executorId, running, seenUntil)));
    }

    public void cancelled(UUID deploymentId, UUID clusterId, UUID cancelledBy, Instant at) {
        write(List.of(new DeploymentCancelled(deploymentId, clusterId, cancelledBy, at)));
    }

    private void write(List<? extends DeploymentEvent> events) {
        List<EventEnvelope<?>> envelopes = new ArrayList<>();
        events.forEach(event -> envelopes.add(EventEnvelope.of(SOURCE, event, clock)));
        outbox.add(envelopes, clock.instant());
    }
}
