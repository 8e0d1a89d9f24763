package dev.hypervisor.scheduler.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The two-heartbeats rule: a running deployment a heartbeat does not list is missed, and one missed by two heartbeats
 * in a row is lost. A heartbeat holds against its executor only deployments it can have known of: those that started
 * before it was sent and, when it says how far it has read the cluster's events ({@code seenUntil}), at least
 * {@link #PLACEMENT_SLACK} before that. So a placement still in the outbox, or reaching the executor late (a scheduler
 * killed before publishing it, Kafka away), is not taken for a deployment the executor dropped.
 */
public final class MissedHeartbeats {

    /**
     * A placement's event is stamped a moment after its start, and relays side by side may publish a cluster's events
     * a batch out of order: a second covers both.
     */
    public static final Duration PLACEMENT_SLACK = Duration.ofSeconds(1);

    /** What one heartbeat missed (to remember for the next) and what it missed for the second time in a row. */
    public record Verdict(Set<UUID> missed, Set<UUID> lost) {
    }

    private MissedHeartbeats() {
    }

    /**
     * Judges one heartbeat sent at {@code sentAt} listing {@code listed}, against what runs on the cluster and what
     * the heartbeat before it missed.
     */
    public static Verdict judge(Collection<RunningDeployment> running, Set<UUID> listed, Instant sentAt,
                                Instant seenUntil, Set<UUID> missedBefore) {
        Instant knownUntil = seenUntil == null ? sentAt
                : (seenUntil.isBefore(sentAt) ? seenUntil : sentAt).minus(PLACEMENT_SLACK);
        Set<UUID> missed = new HashSet<>();
        Set<UUID> lost = new HashSet<>();
        for (RunningDeployment deployment : running) {
            UUID id = deployment.deployment().id();
            if (listed.contains(id) || deployment.startedAt().isAfter(knownUntil)) {
                continue;
            }
            if (missedBefore.contains(id)) {
                lost.add(id);
            } else {
                missed.add(id);
            }
        }
        return new Verdict(missed, lost);
    }
}
