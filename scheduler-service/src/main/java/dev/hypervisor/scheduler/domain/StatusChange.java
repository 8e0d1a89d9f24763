package dev.hypervisor.scheduler.domain;

import dev.hypervisor.common.deployment.DeploymentStatus;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What moves a deployment from one status to another, and from which. Every move is one that
 * {@link DeploymentStatus}'s table allows: that is checked here, once, when the class is first used, so a change
 * the table does not allow cannot be written. The database records a change only for deployments that are still
 * in one of its {@link #from()} statuses, so of two changes racing for one deployment only one applies.
 */
public enum StatusChange {
    /** A scheduling pass started it. */
    PLACED(DeploymentStatus.RUNNING, DeploymentStatus.PENDING),
    /** A higher priority took its place: back to the queue. */
    PREEMPTED(DeploymentStatus.PENDING, DeploymentStatus.RUNNING),
    /** A higher priority takes its place on a cluster with a grace period: it is asked to stop, and still holds. */
    ASKED_TO_STOP(DeploymentStatus.PREEMPTING, DeploymentStatus.RUNNING),
    /** Asked to stop, it stopped, or its grace period ended: back to the queue, its capacity to its preemptor. */
    STOPPED(DeploymentStatus.PENDING, DeploymentStatus.PREEMPTING),
    /** An attempt ended without completing and its retry policy allows another: back to the queue. */
    RETRIED(DeploymentStatus.PENDING, DeploymentStatus.RUNNING, DeploymentStatus.PREEMPTING),
    /** Its executor reported it done (possibly while it was asked to stop). */
    COMPLETED(DeploymentStatus.COMPLETED, DeploymentStatus.RUNNING, DeploymentStatus.PREEMPTING),
    /** Its executor reported it failed. */
    FAILED(DeploymentStatus.FAILED, DeploymentStatus.RUNNING, DeploymentStatus.PREEMPTING),
    /** It ran longer than its run-time limit. */
    TIMED_OUT(DeploymentStatus.FAILED, DeploymentStatus.RUNNING),
    /** Its executor went silent past its lease, or did not list it in two heartbeats in a row. */
    EXECUTOR_LOST(DeploymentStatus.FAILED, DeploymentStatus.RUNNING, DeploymentStatus.PREEMPTING),
    /** A deployment it waits for failed or was cancelled: it can never start. */
    DEPENDENCY_FAILED(DeploymentStatus.FAILED, DeploymentStatus.PENDING),
    /** Someone cancelled it. */
    CANCELLED(DeploymentStatus.CANCELLED, DeploymentStatus.PENDING, DeploymentStatus.RUNNING,
            DeploymentStatus.PREEMPTING),
    /** Its cluster no longer exists. */
    CLUSTER_DELETED(DeploymentStatus.FAILED, DeploymentStatus.PENDING, DeploymentStatus.RUNNING,
            DeploymentStatus.PREEMPTING);

    private final DeploymentStatus to;
    private final Set<DeploymentStatus> from;

    StatusChange(DeploymentStatus to, DeploymentStatus first, DeploymentStatus... more) {
        this.to = to;
        this.from = EnumSet.of(first, more);
        for (DeploymentStatus status : from) {
            if (!status.canMoveTo(to)) {
                throw new IllegalStateException(name() + ": DeploymentStatus's table does not allow " + status
                        + " -> " + to);
            }
        }
    }

    public DeploymentStatus to() {
        return to;
    }

    public Set<DeploymentStatus> from() {
        return EnumSet.copyOf(from);
    }

    /**
     * Why a deployment this change ends did not complete, as deployments show it ({@code failureReason}): the
     * change's name; null for a change that does not end one, or completes it.
     */
    public String failureReason() {
        return to.isTerminal() && to != DeploymentStatus.COMPLETED ? name() : null;
    }

    public boolean appliesTo(DeploymentStatus status) {
        return from.contains(status);
    }

    /** The statuses it moves from, for people: "PENDING or RUNNING". */
    public String fromInWords() {
        return from.stream().map(Enum::name).collect(Collectors.joining(" or "));
    }
}
