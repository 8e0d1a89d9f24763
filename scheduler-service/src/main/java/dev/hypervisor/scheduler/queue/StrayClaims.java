package dev.hypervisor.scheduler.queue;

import dev.hypervisor.scheduler.client.ClusterServiceClient;
import dev.hypervisor.scheduler.client.LedgerBatches;
import dev.hypervisor.scheduler.client.LedgerChange;
import dev.hypervisor.scheduler.domain.ClusterQueue;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Reconciles the ledger with a queue built from the database: a claim whose deployment is not running (the
 * scheduler stopped between claiming and recording the placement, or another instance ended the deployment) is
 * released. Safe only under the cluster's change lock, since every ledger write for a cluster's deployments
 * happens within a change; so it runs as a pass's change opens a queue built since its last reconciliation.
 */
@ApplicationScoped
class StrayClaims {

    private static final Logger LOG = Logger.getLogger(StrayClaims.class);

    private final ClusterServiceClient ledger;

    StrayClaims(ClusterServiceClient ledger) {
        this.ledger = ledger;
    }

    void release(UUID clusterId, ClusterQueue queue) {
        List<UUID> stray = new ArrayList<>(ledger.claimHolders(clusterId));
        stray.removeIf(queue::isRunning);
        if (!stray.isEmpty()) {
            LOG.debugf("cluster %s: releasing %d claims of deployments that do not run (any more): %s", clusterId,
                    stray.size(), stray);
        }
        // In batches the ledger takes: after a crash at scale there may be thousands.
        for (int from = 0; from < stray.size(); from += LedgerBatches.MAX_RELEASES) {
            List<UUID> batch = stray.subList(from, Math.min(stray.size(), from + LedgerBatches.MAX_RELEASES));
            ledger.allocate(List.of(new LedgerChange(clusterId, Map.of(), batch)));
        }
    }
}
