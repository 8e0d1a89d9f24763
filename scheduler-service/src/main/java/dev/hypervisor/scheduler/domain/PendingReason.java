package dev.hypervisor.scheduler.domain;

import dev.hypervisor.common.resources.Resources;
import java.util.List;
import java.util.UUID;

/**
 * Why a deployment is still pending, as the last scheduling pass saw it.
 *
 * @param position   its place in the cluster's queue (priority, then submission), counting from 1
 * @param waitingFor the dependencies not yet completed (for {@link Reason#WAITING_FOR_DEPENDENCIES}), or the
 *                   deployments it preempted that are still stopping (for {@link Reason#WAITING_FOR_PREEMPTION})
 * @param shortBy    how much of each resource is missing (only for {@link Reason#INSUFFICIENT_CAPACITY})
 * @param heldBy     the deployment ahead of it that holds capacity back for itself, or that its queue waits for
 *                   (only for {@link Reason#QUEUED_BEHIND_HIGHER_PRIORITY})
 * @param queueAhead the queue that went first and took the capacity (for {@link Reason#WAITING_FOR_FAIR_SHARE});
 *                   for {@link Reason#QUEUED_BEHIND_HIGHER_PRIORITY}, its own queue when {@code heldBy} is ahead
 *                   of it there (a queue starts its deployments in order)
 * @param overcommitted the cluster's queues are promised more than it has ({@link QueueQuota#overcommitted})
 */
public record PendingReason(Reason reason, int position, List<UUID> waitingFor, Resources shortBy, UUID heldBy,
                            String queueAhead, boolean overcommitted) {

    PendingReason(Reason reason, int position, List<UUID> waitingFor, Resources shortBy, UUID heldBy,
                  String queueAhead) {
        this(reason, position, waitingFor, shortBy, heldBy, queueAhead, false);
    }

    public enum Reason {
        WAITING_FOR_DEPENDENCIES,
        INSUFFICIENT_CAPACITY,
        QUEUED_BEHIND_HIGHER_PRIORITY,
        /** Its queue is at its quota and may borrow no more of what it lacks. */
        QUOTA_EXHAUSTED,
        /** Capacity was there, but a queue with a lower share went first and took it. */
        WAITING_FOR_FAIR_SHARE,
        /**
         * It preempted deployments on a cluster with a grace period, and waits for them to stop ({@code waitingFor})
         * or for the period to end; their capacity is then its.
         */
        WAITING_FOR_PREEMPTION,
        /** Capacity is there and nothing holds it back: the next scheduling pass starts it. */
        NOT_YET_EVALUATED
    }

    /** The same reason at another place in the queue. */
    PendingReason at(int place) {
        return place == position ? this
                : new PendingReason(reason, place, waitingFor, shortBy, heldBy, queueAhead, overcommitted);
    }

    static PendingReason waitingFor(int position, List<UUID> dependencies) {
        return new PendingReason(Reason.WAITING_FOR_DEPENDENCIES, position, List.copyOf(dependencies), null, null,
                null);
    }

    static PendingReason waitingForPreemption(int position, List<UUID> victims) {
        return new PendingReason(Reason.WAITING_FOR_PREEMPTION, position, List.copyOf(victims), null, null, null);
    }

    static PendingReason shortOf(int position, Resources shortBy) {
        return new PendingReason(Reason.INSUFFICIENT_CAPACITY, position, List.of(), shortBy, null, null);
    }

    static PendingReason heldBy(int position, UUID holder) {
        return new PendingReason(Reason.QUEUED_BEHIND_HIGHER_PRIORITY, position, List.of(), null, holder, null);
    }

    /** It would start, but its queue starts its deployments in order and {@code ahead} has not started. */
    static PendingReason behindInItsQueue(int position, UUID ahead, String queue) {
        return new PendingReason(Reason.QUEUED_BEHIND_HIGHER_PRIORITY, position, List.of(), null, ahead, queue);
    }

    static PendingReason quotaExhausted(int position, Resources beyond) {
        return new PendingReason(Reason.QUOTA_EXHAUSTED, position, List.of(), beyond, null, null);
    }

    static PendingReason behindFairShare(int position, String queueAhead) {
        return new PendingReason(Reason.WAITING_FOR_FAIR_SHARE, position, List.of(), null, null, queueAhead);
    }

    static PendingReason startingNext(int position) {
        return new PendingReason(Reason.NOT_YET_EVALUATED, position, List.of(), null, null, null);
    }

    /** The same reason, on a cluster whose queues are promised more than it has. */
    PendingReason onOvercommittedCluster() {
        return new PendingReason(reason, position, waitingFor, shortBy, heldBy, queueAhead, true);
    }

    /** The reason in a sentence or two, for people. */
    public String message() {
        String why = reasonMessage();
        return overcommitted ? why + " The quotas of the cluster's queues add up to more than its capacity (it was"
                + " made smaller since they were set): deployments start by what is really free." : why;
    }

    private String reasonMessage() {
        return switch (reason) {
            case WAITING_FOR_DEPENDENCIES -> "Waits for " + waitingFor.size() + " dependenc"
                    + (waitingFor.size() == 1 ? "y" : "ies") + " to complete: " + waitingFor + ".";
            case INSUFFICIENT_CAPACITY -> "The cluster lacks " + describe(shortBy)
                    + " for it; it starts when running deployments finish"
                    + " (or lower-priority ones are preempted, if the cluster allows it).";
            case QUEUED_BEHIND_HIGHER_PRIORITY -> queueAhead != null
                    ? "It would fit, but deployment " + heldBy + " is ahead of it in its queue '" + queueAhead
                    + "' and cannot start yet; a queue starts its deployments in order."
                    : "It would fit, but deployment " + heldBy + " is ahead of it in the queue and has waited past"
                    + " the aging threshold, so capacity is held for that one until it starts.";
            case QUOTA_EXHAUSTED -> "Its queue is at its quota and may not borrow the " + describe(shortBy)
                    + " it lacks from the other queues; it starts when its queue's own deployments finish or the"
                    + " others leave more unused.";
            case WAITING_FOR_FAIR_SHARE -> "Capacity was free for it, but queue '" + queueAhead + "' has used less"
                    + " of its share and went first; it starts as its queue's turn comes.";
            case WAITING_FOR_PREEMPTION -> "It preempted " + waitingFor.size() + " deployment"
                    + (waitingFor.size() == 1 ? "" : "s") + " " + waitingFor + ", which may take the cluster's grace"
                    + " period to checkpoint and stop; it starts in their place once they have.";
            case NOT_YET_EVALUATED -> "Capacity is free for it; the next scheduling pass starts it.";
        };
    }

    private static String describe(Resources shortBy) {
        StringBuilder text = new StringBuilder();
        if (shortBy.cpuMillis() > 0) {
            text.append("cpu ").append(shortBy.cpu());
        }
        if (shortBy.memoryBytes() > 0) {
            text.append(text.length() > 0 ? ", " : "").append("memory ").append(shortBy.memory());
        }
        if (shortBy.gpu() > 0) {
            text.append(text.length() > 0 ? ", " : "").append("gpu ").append(shortBy.gpu());
        }
        return text.toString();
    }
}
