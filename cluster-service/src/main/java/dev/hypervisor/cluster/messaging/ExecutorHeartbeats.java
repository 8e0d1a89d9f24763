package dev.hypervisor.cluster.messaging;

import dev.hypervisor.cluster.persistence.ExecutorLeaseRepository;
import dev.hypervisor.cluster.persistence.ExecutorLeaseRepository.ExecutorLease;
import dev.hypervisor.common.event.DeploymentEvent;
import dev.hypervisor.common.event.EventCodec;
import dev.hypervisor.common.event.EventEnvelope;
import dev.hypervisor.common.event.ExecutorHeartbeat;
import dev.hypervisor.common.event.UnreadableEventException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Follows executors' heartbeats on the status topic ({@code hypervisor.deployment.status}) so a cluster's view can
 * say who serves it and until when its lease holds. The scheduler decides what a lease that ran out means; this is
 * only what people see. Each batch keeps the newest heartbeat of each cluster, in one transaction; a batch that
 * cannot be recorded is tried again, and an event that cannot be read is skipped.
 */
@ApplicationScoped
public class ExecutorHeartbeats {

    private static final Logger LOG = Logger.getLogger(ExecutorHeartbeats.class);

    private final ExecutorLeaseRepository leases;
    private final EventCodec codec = new EventCodec();

    public ExecutorHeartbeats(ExecutorLeaseRepository leases) {
        this.leases = leases;
    }

    @Incoming("executor-heartbeats")
    @Blocking
    @Retry(maxRetries = -1, delay = 250, maxDuration = 0, jitter = 0)
    @ExponentialBackoff(maxDelay = 10, maxDelayUnit = ChronoUnit.SECONDS)
    public void follow(List<byte[]> payloads) {
        Map<UUID, ExecutorLease> newest = new HashMap<>();
        for (byte[] payload : payloads) {
            try {
                EventEnvelope<DeploymentEvent> event = codec.decode(payload);
                if (event.data() instanceof ExecutorHeartbeat heartbeat) {
                    newest.merge(heartbeat.clusterId(), new ExecutorLease(heartbeat.clusterId(),
                            heartbeat.executorId(), event.time()), (kept, next) ->
                            next.lastHeartbeatAt().isAfter(kept.lastHeartbeatAt()) ? next : kept);
                }
            } catch (UnreadableEventException e) {
                LOG.warnf("skipping an unreadable status event: %s", e.getMessage());
            }
        }
        if (!newest.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> newest.values().forEach(leases::record));
        }
    }
}
