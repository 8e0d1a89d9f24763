package dev.hypervisor.scheduler.queue;

import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.scheduler.domain.ClusterQueue;
import dev.hypervisor.scheduler.domain.QueueStatus;
import dev.hypervisor.scheduler.persistence.ClusterVersions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The queue of every cluster this instance has touched, in memory, with the cluster version it reflects. The
 * database is the truth: a queue whose version is not the cluster's current one is built again before it is
 * used ({@link ClusterChange} for changes, {@link #current} for reads), and a queue is dropped whenever a change
 * of it fails.
 *
 * <p>Each cluster has a lock that {@link ClusterChange} holds for as long as a change runs, ledger calls
 * included. Reads never take it: {@link ClusterQueue} is safe to read beside a change, so a read never waits for
 * a pass to hear back from cluster-service.
 */
@ApplicationScoped
public class QueueCache {

    /** One cluster as held here: its lock, and its queue once built. */
    static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        /** The queue and the version it reflects, always replaced together; null until built. */
        volatile Built built;
        /** Whether the ledger's claims were reconciled with the queue since it was built. */
        volatile boolean reconciled;

        ClusterQueue queue() {
            Built held = built;
            return held == null ? null : held.queue();
        }
    }

    /** A queue as of a cluster version. */
    record Built(ClusterQueue queue, long version) {
    }

    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();
    private final QueueLoader loader;
    private final ClusterVersions versions;

    QueueCache(QueueLoader loader, ClusterVersions versions) {
        this.loader = loader;
        this.versions = versions;
    }

    /**
     * The cluster's queue as the database has it now, to read: the one held when it is up to date, else one built
     * now, which is kept when no change of the cluster runs (else only answered). 404 for a cluster cluster-service
     * does not know.
     */
    public ClusterQueue current(UUID clusterId) {
        long version = QuarkusTransaction.requiringNew().call(() -> versions.current(clusterId));
        Entry entry = entries.get(clusterId);
        Built held = entry == null ? null : entry.built;
        if (held != null && held.version() == version) {
            return held.queue();
        }
        ClusterQueue queue = loader.load(clusterId);
        Entry keeper = entries.computeIfAbsent(clusterId, id -> new Entry());
        if (keeper.lock.tryLock()) {
            try {
                Built kept = keeper.built;
                if (entries.get(clusterId) == keeper && (kept == null || kept.version() < version)) {
                    keep(keeper, queue, version);
                }
            } finally {
                keeper.lock.unlock();
            }
        }
        return queue;
    }

    /** Drops the cluster's queue; the next use builds it again from the database. */
    public void forget(UUID clusterId) {
        entries.remove(clusterId);
    }

    /**
     * The clusters held here that a pass may have something to do for: those with pending deployments, and those
     * whose queue is not built or not yet reconciled with the ledger. An idle cluster needs none.
     */
    public Set<UUID> needingPasses() {
        Set<UUID> needing = new HashSet<>();
        entries.forEach((clusterId, entry) -> {
            ClusterQueue queue = entry.queue();
            if (queue == null || !entry.reconciled || queue.hasPending()) {
                needing.add(clusterId);
            }
        });
        return needing;
    }

    /** True when the cluster's queue is held here and has pending deployments. */
    public boolean hasPending(UUID clusterId) {
        Entry entry = entries.get(clusterId);
        ClusterQueue queue = entry == null ? null : entry.queue();
        return queue != null && queue.hasPending();
    }

    /** How each queue stands, for every cluster held here that is divided into queues. */
    public Map<UUID, Map<String, QueueStatus>> queueStatuses() {
        Map<UUID, Map<String, QueueStatus>> statuses = new HashMap<>();
        entries.forEach((clusterId, entry) -> {
            ClusterQueue queue = entry.queue();
            Map<String, QueueStatus> ofCluster = queue == null ? Map.of() : queue.queueStatuses();
            if (!ofCluster.isEmpty()) {
                statuses.put(clusterId, ofCluster);
            }
        });
        return statuses;
    }

    /** How many deployments wait in each cluster's queue held here, by priority. */
    public Map<UUID, Map<String, Integer>> depths() {
        Map<UUID, Map<String, Integer>> depths = new HashMap<>();
        entries.forEach((clusterId, entry) -> {
            Map<String, Integer> byPriority = new TreeMap<>();
            for (Priority priority : Priority.values()) {
                byPriority.put(priority.name(), 0);
            }
            ClusterQueue queue = entry.queue();
            if (queue != null) {
                queue.pendingInOrder().forEach(deployment -> byPriority.merge(deployment.priority().name(), 1,
                        Integer::sum));
            }
            depths.put(clusterId, byPriority);
        });
        return depths;
    }

    /**
     * Takes the clusters' locks in the order given and answers their entries. An entry dropped while this waited
     * for it is no longer the cluster's: then every lock is let go and taken again, on the entries there now.
     */
    List<Entry> lock(List<UUID> ordered) {
        while (true) {
            List<Entry> locked = new ArrayList<>();
            boolean current = true;
            for (UUID clusterId : ordered) {
                Entry entry = entries.computeIfAbsent(clusterId, id -> new Entry());
                entry.lock.lock();
                locked.add(entry);
                if (entries.get(clusterId) != entry) {
                    current = false;
                    break;
                }
            }
            if (current) {
                return locked;
            }
            unlock(locked);
        }
    }

    static void unlock(List<Entry> locked) {
        for (int i = locked.size() - 1; i >= 0; i--) {
            locked.get(i).lock.unlock();
        }
    }

    /**
     * The entry's queue as of the version (under the entry's lock): the one held if it is that version's, else
     * built now.
     */
    ClusterQueue queueAt(Entry entry, UUID clusterId, long version) {
        Built held = entry.built;
        if (held != null && held.version() == version) {
            return held.queue();
        }
        ClusterQueue queue = loader.load(clusterId);
        keep(entry, queue, version);
        return queue;
    }

    private static void keep(Entry entry, ClusterQueue queue, long version) {
        entry.reconciled = false;
        entry.built = new Built(queue, version);
    }
}
