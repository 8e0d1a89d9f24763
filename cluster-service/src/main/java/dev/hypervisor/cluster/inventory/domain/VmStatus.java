package dev.hypervisor.cluster.inventory.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a VM. It is created PROVISIONING; its operator reports it RUNNING or FAILED, stops and starts it,
 * and may retry a FAILED one (back to PROVISIONING). {@code DELETE} ends any VM: the row goes and its capacity
 * is released at once (the ledger's journal keeps its history), so there is no DELETED state to linger in.
 *
 * <pre>
 * PROVISIONING -> RUNNING | FAILED
 * RUNNING      -> STOPPED | FAILED
 * STOPPED      -> RUNNING | FAILED
 * FAILED       -> PROVISIONING
 * </pre>
 */
public enum VmStatus {
    PROVISIONING,
    RUNNING,
    STOPPED,
    FAILED;

    /** The statuses a PATCH may move this one to. */
    public Set<VmStatus> next() {
        return switch (this) {
            case PROVISIONING -> EnumSet.of(RUNNING, FAILED);
            case RUNNING -> EnumSet.of(STOPPED, FAILED);
            case STOPPED -> EnumSet.of(RUNNING, FAILED);
            case FAILED -> EnumSet.of(PROVISIONING);
        };
    }

    public boolean canMoveTo(VmStatus status) {
        return status == this || next().contains(status);
    }
}
