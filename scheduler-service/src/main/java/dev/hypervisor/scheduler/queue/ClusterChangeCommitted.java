package dev.hypervisor.scheduler.queue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A CDI event: a {@link ClusterChange} committed (fired once its locks are let go).
 *
 * @param changed       the clusters whose deployments it changed, each with the ended deployments whose claims
 *                      are still to be released in the ledger
 * @param eventsWritten whether it wrote events to the outbox
 * @param pass          whether it was a scheduling pass's (which asks for no further pass)
 */
public record ClusterChangeCommitted(Map<UUID, List<UUID>> changed, boolean eventsWritten, boolean pass) {

    public ClusterChangeCommitted {
        changed = Map.copyOf(changed);
    }
}
