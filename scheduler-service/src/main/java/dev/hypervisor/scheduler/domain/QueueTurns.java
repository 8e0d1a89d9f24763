package dev.hypervisor.scheduler.domain;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.resources.Resources;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.SortedSet;
import java.util.function.ToDoubleFunction;

/**
 * The queues of a cluster taking turns in one pass: each queue's deployments that wait for nothing, in order, with
 * the next one in sight, and a line of queues by share (the lowest first, by name between equal shares; a heap, so
 * a turn costs the logarithm of the number of queues, never a walk of a queue).
 */
final class QueueTurns {

    private static final Comparator<Turn> LOWEST_SHARE_FIRST = Comparator.comparingDouble(Turn::share)
            .thenComparing(Turn::queue, Comparator.nullsFirst(Comparator.<String>naturalOrder()));

    private final Map<String, Cursor> cursors = new HashMap<>();
    private final ToDoubleFunction<String> share;
    private final PriorityQueue<Turn> line = new PriorityQueue<>(LOWEST_SHARE_FIRST);

    QueueTurns(Map<String, SortedSet<QueuedDeployment>> ready, ToDoubleFunction<String> share) {
        this.share = share;
        ready.forEach((queue, deployments) -> cursors.put(queue, new Cursor(deployments)));
    }

    Set<String> queues() {
        return cursors.keySet();
    }

    /** True when the queue's next deployment is of the priority. */
    boolean nextIsOf(String queue, Priority priority) {
        QueuedDeployment next = cursors.get(queue).next;
        return next != null && next.priority() == priority;
    }

    /** Starts a round with these queues in line. */
    void lineUp(Collection<String> queues) {
        line.clear();
        queues.forEach(this::again);
    }

    /** The queue whose turn it is, out of the line; null when the round is over. */
    String take() {
        Turn turn = line.poll();
        return turn == null ? null : turn.queue();
    }

    QueuedDeployment nextOf(String queue) {
        return cursors.get(queue).next;
    }

    /** The queue's next deployment has been dealt with: the one after it is next. */
    void advance(String queue) {
        cursors.get(queue).advance();
    }

    /** The queue's deployments of the priority are all dealt with: its next is the first of a lower priority. */
    void skipPast(String queue, Priority priority) {
        cursors.get(queue).skipPast(priority);
    }

    /** The queue goes back in line, at its share now. */
    void again(String queue) {
        line.add(new Turn(queue, share.applyAsDouble(queue)));
    }

    /** Shares moved (a preemption): everyone in line takes their place afresh. */
    void reorder() {
        List<String> waiting = line.stream().map(Turn::queue).toList();
        lineUp(waiting);
    }

    /** A queue in line, at the share it had when it joined. */
    private record Turn(String queue, double share) {
    }

    private static final class Cursor {

        /** Sorts after every deployment of its priority: what a cursor skipping past the priority starts from. */
        private static final UUID LAST_ID = new UUID(Long.MAX_VALUE, Long.MAX_VALUE);

        private final SortedSet<QueuedDeployment> deployments;
        private Iterator<QueuedDeployment> rest;
        private QueuedDeployment next;

        Cursor(SortedSet<QueuedDeployment> deployments) {
            this.deployments = deployments;
            this.rest = deployments.iterator();
            advance();
        }

        void advance() {
            next = rest.hasNext() ? rest.next() : null;
        }

        /** Jumps (a search of the ordered set, not a walk) to the first deployment of a lower priority. */
        void skipPast(Priority priority) {
            rest = deployments.tailSet(new QueuedDeployment(LAST_ID, priority, Instant.MAX, Resources.ZERO))
                    .iterator();
            advance();
        }
    }
}
