package dev.hypervisor.common.deployment;

/**
 * What an executor reports of a deployment it runs: it ended ({@code COMPLETED}, {@code FAILED}), or, asked to stop
 * for a graceful preemption, it has stopped ({@code STOPPED}).
 */
public enum ReportedStatus {
    COMPLETED,
    FAILED,
    STOPPED
}
