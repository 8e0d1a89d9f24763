package dev.hypervisor.scheduler.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * One timeout and one circuit breaker for every call to cluster-service, whichever endpoint: whether it answers
 * is a fact about cluster-service, not about one of its paths. A call waits at most 5 s; one that gets no answer
 * opens the circuit, and every call then fails at once for 2 s, after which one call tries again. A hanging
 * cluster-service so costs a scheduling pass one timeout, not one per call, and the cluster's lock is let go
 * soon for the submissions that wait for it.
 */
@ApplicationScoped
class ClusterServiceGuard {

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 1, failureRatio = 0.5, delay = 2, delayUnit = ChronoUnit.SECONDS)
    Response call(Supplier<Response> call) {
        return call.get();
    }
}
