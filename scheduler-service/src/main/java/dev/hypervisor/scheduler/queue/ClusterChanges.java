package dev.hypervisor.scheduler.queue;

import dev.hypervisor.runtime.sql.Sql;
import dev.hypervisor.scheduler.clusters.ClusterOwnership;
import dev.hypervisor.scheduler.persistence.ClusterVersions;
import dev.hypervisor.scheduler.persistence.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.TransactionManager;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Opens {@link ClusterChange}s: the one way anything changes clusters' deployments. */
@ApplicationScoped
public class ClusterChanges {

    final QueueCache cache;
    final ClusterVersions versions;
    final Outbox outbox;
    final Sql sql;
    final ClusterOwnership ownership;
    final StrayClaims strayClaims;
    final Event<ClusterChangeCommitted> committed;
    final ChangeTransactions transactions;

    ClusterChanges(QueueCache cache, ClusterVersions versions, Outbox outbox, Sql sql, ClusterOwnership ownership,
                   StrayClaims strayClaims, Event<ClusterChangeCommitted> committed, TransactionManager transactions) {
        this.cache = cache;
        this.versions = versions;
        this.outbox = outbox;
        this.sql = sql;
        this.ownership = ownership;
        this.strayClaims = strayClaims;
        this.committed = committed;
        this.transactions = new ChangeTransactions(transactions);
    }

    /** A change of the clusters' deployments. */
    public ClusterChange open(Collection<UUID> clusterIds) {
        return open(clusterIds, false);
    }

    /**
     * A scheduling pass's change, which writes the ledger too: each queue it opens that was built since the ledger
     * was last reconciled with it has the claims of deployments that do not run released first.
     */
    public ClusterChange openForPass(Collection<UUID> clusterIds) {
        return open(clusterIds, true);
    }

    private ClusterChange open(Collection<UUID> clusterIds, boolean pass) {
        // Always the same order, in memory and in the database, so two changes of overlapping clusters never
        // wait for each other.
        List<UUID> ordered = clusterIds.stream().distinct().sorted(ClusterVersions.LOCK_ORDER).toList();
        List<QueueCache.Entry> entries = cache.lock(ordered);
        try {
            transactions.begin();
            Map<UUID, Long> locked = versions.lock(ordered);
            outbox.hold();
            return new ClusterChange(this, ordered, entries, locked, pass);
        } catch (RuntimeException e) {
            transactions.rollbackIfActive();
            QueueCache.unlock(entries);
            throw e;
        }
    }
}
