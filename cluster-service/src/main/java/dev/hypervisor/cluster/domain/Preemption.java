package dev.hypervisor.cluster.domain;

/** Whether the scheduler may stop a running deployment on a cluster to make room for a more urgent one. */
public enum Preemption {
    /** Deployments of strictly lower priority may be preempted (the default). */
    LOWER_PRIORITY,
    /** Nothing is ever preempted; urgent work waits like everything else. */
    NEVER
}
