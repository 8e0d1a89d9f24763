package dev.hypervisor.scheduler.queue;

import dev.hypervisor.runtime.sql.SqlStatement;
import dev.hypervisor.scheduler.domain.ClusterQueue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One change of one or more clusters' deployments, the unit of work of every use case (a submission, a poll of the
 * Kafka door, a report, a cancellation, a scheduling pass, a deleted cluster):
 *
 * <pre>
 * try (ClusterChange change = changes.open(clusterIds)) {
 *     ClusterQueue queue = change.queue(clusterId);
 *     ... change the database and the queue together ...
 *     change.commit();
 * }
 * </pre>
 *
 * Opening it takes this instance's lock of each cluster, then, in one transaction, the clusters' change locks in
 * the database (so changes to a cluster run one at a time across every scheduler instance) and their versions.
 * {@link #queue} answers a queue as of that version, built again from the database when the one held is older
 * (another instance changed the cluster). {@link #commit} writes the events the change held back and the new
 * versions of the clusters whose deployments it changed, in one round trip, and commits; once the locks are let
 * go, {@link ClusterChangeCommitted} tells this instance's outbox relay and scheduling loop. Closed without a
 * commit, everything is rolled back and the queues are dropped, to be built again on next use.
 *
 * <p>A change belongs to the thread that opened it: its transaction is that thread's.
 */
public final class ClusterChange implements AutoCloseable {

    private final ClusterChanges parts;
    private final List<UUID> clusterIds;
    private final List<QueueCache.Entry> entries;
    private final Map<UUID, Long> versions;
    private final boolean pass;
    private final Map<UUID, ClusterQueue> opened = new LinkedHashMap<>();
    private final Map<UUID, Long> changesWhenOpened = new HashMap<>();
    private final Map<UUID, List<UUID>> releases = new HashMap<>();
    private final Set<UUID> gone = new HashSet<>();
    private final Set<UUID> redefined = new HashSet<>();
    private ClusterChangeCommitted committed;

    ClusterChange(ClusterChanges parts, List<UUID> clusterIds, List<QueueCache.Entry> entries,
                  Map<UUID, Long> versions, boolean pass) {
        this.parts = parts;
        this.clusterIds = clusterIds;
        this.entries = entries;
        this.versions = versions;
        this.pass = pass;
    }

    /** The clusters of the change, in the order their locks were taken. */
    public List<UUID> clusterIds() {
        return clusterIds;
    }

    /**
     * The cluster's queue as the database has it, to change with it; 404 ({@code UnknownClusterException}) when
     * cluster-service does not know the cluster.
     */
    public ClusterQueue queue(UUID clusterId) {
        ClusterQueue queue = opened.get(clusterId);
        if (queue != null) {
            return queue;
        }
        QueueCache.Entry entry = entryOf(clusterId);
        queue = parts.cache.queueAt(entry, clusterId, versions.get(clusterId));
        if (pass && !entry.reconciled) {
            parts.strayClaims.release(clusterId, queue);
            entry.reconciled = true;
        }
        opened.put(clusterId, queue);
        changesWhenOpened.put(clusterId, queue.changes());
        return queue;
    }

    /** The ended deployments' claims are released in the ledger after the commit, with the cluster's next pass. */
    public void releaseLater(UUID clusterId, Collection<UUID> deployments) {
        releases.computeIfAbsent(clusterId, id -> new ArrayList<>()).addAll(deployments);
    }

    /**
     * The cluster no longer exists: its version moves on (so an instance that holds its queue drops it), and this
     * instance drops its queue once the change commits.
     */
    public void clusterGone(UUID clusterId) {
        entryOf(clusterId);
        gone.add(clusterId);
    }

    /**
     * The cluster's queues were defined anew: its version moves on, and its queue is built again (with them) on
     * next use, here and in every other instance.
     */
    public void queuesRedefined(UUID clusterId) {
        entryOf(clusterId);
        redefined.add(clusterId);
    }

    /**
     * Drops the cluster's queue now, while the change still holds its lock, so that nobody plans on it: the ledger
     * said it is out of date. The change commits nothing about the cluster's queue.
     */
    public void dropQueue(UUID clusterId) {
        parts.cache.forget(clusterId);
        opened.remove(clusterId);
    }

    public void commit() {
        List<SqlStatement> lastWrites = new ArrayList<>(parts.outbox.heldWrites());
        boolean eventsWritten = !lastWrites.isEmpty();
        // Only a change of the deployments moves a version on (and writes): a pass that placed nothing leaves every
        // other instance's memory as good as it was.
        Set<UUID> advanced = new HashSet<>(gone);
        advanced.addAll(redefined);
        opened.forEach((clusterId, queue) -> {
            if (queue.changes() != changesWhenOpened.get(clusterId)) {
                advanced.add(clusterId);
            }
        });
        for (UUID clusterId : advanced) {
            if (!parts.ownership.owns(clusterId)) {
                parts.versions.announce(clusterId);
            }
        }
        if (!advanced.isEmpty()) {
            lastWrites.add(parts.versions.advancing(advanced));
        }
        parts.sql.updateTogether(lastWrites);
        parts.transactions.commit();
        Map<UUID, List<UUID>> changed = new HashMap<>();
        for (UUID clusterId : advanced) {
            if (!gone.contains(clusterId)) {
                if (opened.containsKey(clusterId) && !redefined.contains(clusterId)) {
                    QueueCache.Entry entry = entryOf(clusterId);
                    entry.built = new QueueCache.Built(opened.get(clusterId), versions.get(clusterId) + 1);
                }
                changed.put(clusterId, releases.getOrDefault(clusterId, List.of()));
            }
        }
        committed = new ClusterChangeCommitted(changed, eventsWritten, pass);
    }

    @Override
    public void close() {
        try {
            if (committed == null) {
                parts.transactions.rollbackIfActive();
                clusterIds.forEach(parts.cache::forget);
            } else {
                gone.forEach(parts.cache::forget);
                redefined.forEach(parts.cache::forget);
            }
        } finally {
            QueueCache.unlock(entries);
        }
        if (committed != null) {
            parts.committed.fire(committed);
        }
    }

    private QueueCache.Entry entryOf(UUID clusterId) {
        int index = clusterIds.indexOf(clusterId);
        if (index < 0) {
            throw new IllegalArgumentException("cluster " + clusterId + " is not part of this change");
        }
        return entries.get(index);
    }
}
