package dev.hypervisor.cluster.domain;

/** What kind of thing holds a claim. */
public enum ConsumerType {
    DEPLOYMENT,
    VM,
    DISK,
    CLUSTER
}
