package dev.hypervisor.scheduler.client;

/** How the ledger answered a batch of claims and releases: all applied, or none. */
public enum LedgerAnswer {
    APPLIED,
    /** Something did not fit: the scheduler's picture of the cluster is stale. */
    INSUFFICIENT_CAPACITY,
    /** The cluster is gone. */
    UNKNOWN_CLUSTER
}
