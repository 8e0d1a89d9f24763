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
 *      │  ├──preempted────┘  └────▶ CANCELLED
 *      │  │               │
 *      │  │     (a grace period) ▼
 *      │  └─stopped or period over── PREEMPTING ──▶ COMPLETED, FAILED (reported), CANCELLED
 *      └──▶ FAILED (a dependency failed), CANCELLED
 * </pre>
 * {@code PREEMPTING}: it was preempted on a cluster with a grace period, still holds its capacity, and has been
 * asked to stop; it goes back to {@code PENDING} when its executor reports it stopped or the period ends.
 */
public enum DeploymentStatus {
    PENDING,
    RUNNING,
    PREEMPTING,
    COMPLETED,
    FAILED,
    CANCELLED;

    /** The statuses this one may move to. */
    public Set<DeploymentStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(RUNNING, FAILED, CANCELLED);
            case RUNNING -> EnumSet.of(COMPLETED, FAILED, CANCELLED, PENDING, PREEMPTING);
            case PREEMPTING -> EnumSet.of(PENDING, COMPLETED, FAILED, CANCELLED);
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
