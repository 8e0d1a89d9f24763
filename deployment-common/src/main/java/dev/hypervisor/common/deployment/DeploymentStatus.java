package dev.hypervisor.common.deployment;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a deployment is in its life. The allowed transitions are the table in {@link #next()}; every other
 * move is refused (the services answer it with 409).
 *
 * <pre>
 *   PENDING ──placed──▶ RUNNING ──▶ COMPLETED
 *      │  ▲               │  └────▶ FAILED
 *      │  └──preempted────┘  └────▶ CANCELLED
 *      └──▶ FAILED (a dependency failed), CANCELLED
 * </pre>
 */
public enum DeploymentStatus {
    PENDING,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED;

    /** The statuses this one may move to. */
    public Set<DeploymentStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(RUNNING, FAILED, CANCELLED);
            case RUNNING -> EnumSet.of(COMPLETED, FAILED, CANCELLED, PENDING);
            case COMPLETED, FAILED, CANCELLED -> EnumSet.noneOf(DeploymentStatus.class);
        };
    }

    public boolean canMoveTo(DeploymentStatus target) {
        return next().contains(target);
    }

    /** True for the statuses a deployment never leaves. */
    public boolean isTerminal() {
        return next().isEmpty();
    }
}
