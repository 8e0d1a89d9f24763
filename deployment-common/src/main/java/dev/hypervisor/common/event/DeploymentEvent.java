package dev.hypervisor.common.event;

import java.util.UUID;

/** The payload of an event about one deployment on one cluster. */
public sealed interface DeploymentEvent
        permits DeploymentRequested, DeploymentQueued, DeploymentPlaced, DeploymentRejected, DeploymentPreempting,
        DeploymentPreempted, DeploymentCompleted, DeploymentFailed, DeploymentRetried, DeploymentCancelled,
        DeploymentStatusReported, ExecutorHeartbeat {

    UUID deploymentId();

    /** The Kafka record key: all events of a cluster land on one partition, in order. */
    UUID clusterId();
}
