package dev.hypervisor.scheduler.domain;

import dev.hypervisor.common.problem.ProblemCode;
import dev.hypervisor.common.problem.ProblemException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Which of its cluster's queues a submission runs in. On a cluster without queues, none (naming one is a mistake).
 * On a cluster with queues, the one it names, else the one marked default (422 {@code QUEUE_REQUIRED} without
 * one); a queue the cluster does not have is 422 {@code UNKNOWN_QUEUE}; a queue with a members list takes only
 * its members (403).
 */
public final class QueueChoice {

    /** A queue as a submission may choose it: its name, who may submit to it (empty: anyone), the default. */
    public record Offered(String name, List<UUID> members, boolean isDefault) {
    }

    private QueueChoice() {
    }

    /** The queue to run in, or null on a cluster without queues; {@code submitter}: the person asking, if one is. */
    public static String of(List<Offered> queues, String requested, Optional<UUID> submitter) {
        if (queues.isEmpty()) {
            if (requested != null) {
                throw unknown("the cluster has no queues");
            }
            return null;
        }
        Offered chosen;
        if (requested == null) {
            chosen = queues.stream().filter(Offered::isDefault).findFirst().orElseThrow(() -> new ProblemException(
                    ProblemCode.QUEUE_REQUIRED, "the cluster is divided into queues and none is its default: name"
                    + " one of " + names(queues)));
        } else {
            chosen = queues.stream().filter(queue -> queue.name().equals(requested)).findFirst()
                    .orElseThrow(() -> unknown("the cluster has no queue '" + requested + "'; its queues are "
                            + names(queues)));
        }
        if (!chosen.members().isEmpty() && submitter.map(who -> !chosen.members().contains(who)).orElse(false)) {
            throw ProblemException.forbidden("queue " + chosen.name() + " takes deployments of its members only");
        }
        return chosen.name();
    }

    private static ProblemException unknown(String detail) {
        return new ProblemException(ProblemCode.UNKNOWN_QUEUE, detail);
    }

    private static String names(List<Offered> queues) {
        return queues.stream().map(Offered::name).toList().toString();
    }
}
