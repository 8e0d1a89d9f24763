package dev.hypervisor.common.event;

import java.util.List;

/** The Kafka topics of the system. Every record on them is keyed by cluster id, so a cluster's events stay in order. */
public final class Topics {

    /** {@link DeploymentRequested}: the intake, written by the REST door and by external producers. */
    public static final String DEPLOYMENT_REQUESTED = "hypervisor.deployment.requested";
    /** What happened to deployments: queued, placed, rejected, preempted, completed, failed, cancelled. */
    public static final String DEPLOYMENT_EVENTS = "hypervisor.deployment.events";
    /** {@link DeploymentStatusReported}: what executors saw. */
    public static final String DEPLOYMENT_STATUS = "hypervisor.deployment.status";

    public static final List<String> ALL = List.of(DEPLOYMENT_REQUESTED, DEPLOYMENT_EVENTS, DEPLOYMENT_STATUS);

    private Topics() {
    }
}
