package dev.hypervisor.scheduler.nativeimage;

import dev.hypervisor.common.deployment.RetryPolicy;
import dev.hypervisor.common.event.DeploymentCancelled;
import dev.hypervisor.common.event.DeploymentCompleted;
import dev.hypervisor.common.event.DeploymentFailed;
import dev.hypervisor.common.event.DeploymentPlaced;
import dev.hypervisor.common.event.DeploymentPreempted;
import dev.hypervisor.common.event.DeploymentPreempting;
import dev.hypervisor.common.event.DeploymentQueued;
import dev.hypervisor.common.event.DeploymentRejected;
import dev.hypervisor.common.event.DeploymentRequested;
import dev.hypervisor.common.event.DeploymentRetried;
import dev.hypervisor.common.event.DeploymentStatusReported;
import dev.hypervisor.common.event.EventDeserializer;
import dev.hypervisor.common.event.EventEnvelope;
import dev.hypervisor.common.event.ExecutorHeartbeat;
import dev.hypervisor.common.event.EventSerializer;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The events the scheduler reads from and writes to Kafka with Jackson, outside the REST layer: a native
 * executable must keep their constructors and accessors.
 */
@RegisterForReflection(targets = {EventEnvelope.class, DeploymentRequested.class, DeploymentQueued.class,
        DeploymentPlaced.class, DeploymentPreempting.class, DeploymentPreempted.class, DeploymentCompleted.class,
        DeploymentFailed.class, DeploymentRetried.class, RetryPolicy.class,
        DeploymentCancelled.class, DeploymentRejected.class, DeploymentStatusReported.class, ExecutorHeartbeat.class,
        EventSerializer.class,
        EventDeserializer.class})
public final class EventTypesForReflection {

    private EventTypesForReflection() {
    }
}
