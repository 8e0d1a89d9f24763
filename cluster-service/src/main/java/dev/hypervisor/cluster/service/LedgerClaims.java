package dev.hypervisor.cluster.service;

import dev.hypervisor.cluster.domain.ConsumerType;
import dev.hypervisor.cluster.domain.ResourceClass;
import dev.hypervisor.common.problem.InvalidFieldException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Claims made together with another change, in the caller's transaction: creating or resizing a VM claims from
 * its pool, a disk from its storage device, a pool-backed cluster from its pool, and deleting them releases. The
 * same rules and locks as every claim ({@link LedgerTransaction}); a claim that does not fit is the same 409
 * {@code INSUFFICIENT_CAPACITY}, and rolls the whole change back.
 */
@ApplicationScoped
public class LedgerClaims {

    private final LedgerTransaction transaction;

    public LedgerClaims(LedgerTransaction transaction) {
        this.transaction = transaction;
    }

    /**
     * The consumer holds exactly these amounts of the provider from now on. {@code providerField} names the
     * request field that chose the provider, for the answer when it does not exist.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void hold(UUID providerId, UUID consumerId, ConsumerType type, Map<ResourceClass, Long> amounts,
                     String actor, String reason, String providerField) {
        LedgerRequest request = new LedgerRequest(
                List.of(new LedgerRequest.Claim(providerId, consumerId, type, amounts)), List.of(), actor, reason);
        check(transaction.apply(List.of(request)).get(0), providerField);
    }

    /** The consumer holds nothing of the provider from now on (a no-op when it held nothing). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(UUID providerId, UUID consumerId, String actor, String reason) {
        LedgerRequest request = new LedgerRequest(List.of(),
                List.of(new LedgerRequest.Release(providerId, consumerId)), actor, reason);
        check(transaction.apply(List.of(request)).get(0), "providerId");
    }

    private static void check(LedgerOutcome outcome, String providerField) {
        if (outcome instanceof LedgerOutcome.Refused refused) {
            throw InsufficientCapacity.of(refused.shortages());
        }
        if (outcome instanceof LedgerOutcome.UnknownProvider unknown) {
            throw new InvalidFieldException(providerField, "no " + providerField.replace("Id", "") + " "
                    + unknown.providerId() + " exists");
        }
    }
}
