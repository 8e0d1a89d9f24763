package dev.hypervisor.cluster.messaging;

import dev.hypervisor.cluster.domain.LiveDeployments;
import dev.hypervisor.cluster.persistence.LiveDeploymentRepository;
import dev.hypervisor.common.event.DeploymentEvent;
import dev.hypervisor.common.event.EventCodec;
import dev.hypervisor.common.event.UnreadableEventException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Follows the scheduler's events ({@code hypervisor.deployment.events}) to know which deployments are alive on
 * each cluster ({@link LiveDeployments}), so that a cluster with pending or running deployments is not deleted.
 * Each batch's events are applied in one transaction; only then are its offsets committed (the channel's
 * {@code throttled} strategy commits what was acknowledged, and a batch is acknowledged when this returns), so
 * delivery is at least once, and applying events again is harmless. A batch that cannot be applied is tried
 * again, in order, waiting longer each time; an event that cannot be read is skipped.
 */
@ApplicationScoped
public class DeploymentActivity {

    private static final Logger LOG = Logger.getLogger(DeploymentActivity.class);

    private final LiveDeploymentRepository live;
    private final EventCodec codec = new EventCodec();
    private final Clock clock;

    public DeploymentActivity(LiveDeploymentRepository live, Clock clock) {
        this.live = live;
        this.clock = clock;
    }

    @Incoming("deployment-events")
    @Blocking
    @Retry(maxRetries = -1, delay = 250, maxDuration = 0, jitter = 0)
    @ExponentialBackoff(maxDelay = 10, maxDelayUnit = ChronoUnit.SECONDS)
    public void follow(List<byte[]> payloads) {
        LiveDeployments change = LiveDeployments.after(read(payloads));
        if (change.isEmpty()) {
            return;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> live.apply(change, clock.instant()));
        } catch (RuntimeException e) {
            LOG.warnf("recording deployment events failed (%s); retrying", e.getMessage());
            throw e;
        }
    }

    private List<DeploymentEvent> read(List<byte[]> payloads) {
        List<DeploymentEvent> events = new ArrayList<>();
        for (byte[] payload : payloads) {
            try {
                events.add(codec.decode(payload).data());
            } catch (UnreadableEventException e) {
                LOG.warnf("skipping an unreadable deployment event: %s", e.getMessage());
            }
        }
        return events;
    }
}
