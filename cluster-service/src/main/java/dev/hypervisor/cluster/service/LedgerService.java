package dev.hypervisor.cluster.service;

import dev.hypervisor.cluster.metrics.LedgerMetrics;
import dev.hypervisor.common.problem.InvalidFieldException;
import dev.hypervisor.common.problem.ProblemCode;
import dev.hypervisor.common.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Claims and releases, for the endpoints: each request is all or nothing; one that does not fit changes nothing
 * and answers 409 naming every short resource; one that repeats what the consumers hold changes nothing and
 * succeeds, so retries are safe; releasing what is not held is a no-op.
 */
@ApplicationScoped
public class LedgerService {

    private final LedgerWriter writer;
    private final LedgerMetrics metrics;

    public LedgerService(LedgerWriter writer, LedgerMetrics metrics) {
        this.writer = writer;
        this.metrics = metrics;
    }

    /**
     * Applies the request; the answer completes once its transaction has committed, with nothing, or with the
     * problem to answer (409 it did not fit, 404 an unknown cluster, 503 the ledger could not be written).
     * Callers do not hold a thread while they wait.
     */
    public CompletionStage<Void> apply(LedgerRequest request) {
        requireEachConsumerOnce(request);
        if (request.size() == 0) {
            return CompletableFuture.completedFuture(null);
        }
        long started = System.nanoTime();
        return writer.submit(request).handle((outcome, failure) -> {
            metrics.requestTook(System.nanoTime() - started, request.size());
            if (failure != null) {
                throw new ProblemException(ProblemCode.SERVICE_UNAVAILABLE,
                        "the ledger could not be written; nothing was applied, and the request can be retried");
            }
            if (outcome instanceof LedgerOutcome.Refused refused) {
                metrics.conflict();
                throw InsufficientCapacity.of(refused.shortages());
            }
            if (outcome instanceof LedgerOutcome.UnknownProvider unknown) {
                throw ProblemException.notFound("cluster " + unknown.providerId());
            }
            return null;
        });
    }

    private static void requireEachConsumerOnce(LedgerRequest request) {
        Set<UUID> seen = new HashSet<>();
        request.claims().forEach(claim -> requireOnce(seen, claim.consumerId()));
        request.releases().forEach(release -> requireOnce(seen, release.consumerId()));
    }

    private static void requireOnce(Set<UUID> seen, UUID consumerId) {
        if (!seen.add(consumerId)) {
            throw new InvalidFieldException("consumerId",
                    "consumer " + consumerId + " appears more than once; one change per consumer at a time");
        }
    }
}
