package dev.hypervisor.cluster.service;

import dev.hypervisor.cluster.domain.Shortage;
import java.util.List;
import java.util.UUID;

/** What became of a {@link LedgerRequest}. */
public sealed interface LedgerOutcome {

    /** It was applied (or asked for what the consumers already held). */
    record Applied() implements LedgerOutcome {
    }

    /** It did not fit, and nothing of it was applied. */
    record Refused(List<Shortage> shortages) implements LedgerOutcome {
    }

    /** It named a provider that does not exist, and nothing of it was applied. */
    record UnknownProvider(UUID providerId) implements LedgerOutcome {
    }
}
