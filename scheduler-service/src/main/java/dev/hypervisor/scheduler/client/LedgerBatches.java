package dev.hypervisor.scheduler.client;

import java.util.ArrayList;
import java.util.List;

/**
 * The ledger's limits for one batch ({@code POST /api/v1/allocations}), and the cutting of a pass's changes into
 * batches within them: in order, as many changes to a batch as fit. A change never exceeds the limits itself
 * ({@code PassStep} sees to that), so every batch holds at least one.
 */
public final class LedgerBatches {

    /** The most claims, and the most releases, one batch may carry. */
    public static final int MAX_CLAIMS = 1_000;
    public static final int MAX_RELEASES = 1_000;

    private LedgerBatches() {
    }

    public static List<List<LedgerChange>> cut(List<LedgerChange> changes) {
        List<List<LedgerChange>> batches = new ArrayList<>();
        List<LedgerChange> batch = new ArrayList<>();
        int claims = 0;
        int releases = 0;
        for (LedgerChange change : changes) {
            if (change.claims().size() > MAX_CLAIMS || change.releases().size() > MAX_RELEASES) {
                throw new IllegalArgumentException("a change for cluster " + change.clusterId()
                        + " exceeds what one ledger batch takes");
            }
            if (!batch.isEmpty() && (claims + change.claims().size() > MAX_CLAIMS
                    || releases + change.releases().size() > MAX_RELEASES)) {
                batches.add(batch);
                batch = new ArrayList<>();
                claims = 0;
                releases = 0;
            }
            batch.add(change);
            claims += change.claims().size();
            releases += change.releases().size();
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }
}
