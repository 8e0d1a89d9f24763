package dev.hypervisor.scheduler.intake;

import dev.hypervisor.common.event.DeploymentEvent;
import dev.hypervisor.common.event.EventEnvelope;
import dev.hypervisor.runtime.sql.Sql;
import dev.hypervisor.scheduler.messaging.DeploymentEvents;
import dev.hypervisor.scheduler.metrics.SchedulerMetrics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Answers a refused {@code DeploymentRequested} event with a {@code DeploymentRejected} event, once per request
 * event: the event id goes into the inbox in the same transaction, so a redelivery rejects nothing twice.
 */
@ApplicationScoped
public class Rejections {

    private static final Logger LOG = Logger.getLogger(Rejections.class);

    private final Sql sql;
    private final DeploymentEvents events;
    private final SchedulerMetrics metrics;
    private final Clock clock;

    public Rejections(Sql sql, DeploymentEvents events, SchedulerMetrics metrics, Clock clock) {
        this.sql = sql;
        this.events = events;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Rejects the request in a transaction of its own. */
    public void reject(EventEnvelope<? extends DeploymentEvent> request, String code, String reason) {
        QuarkusTransaction.requiringNew().run(() -> rejectWithin(request, code, reason));
    }

    /** Rejects the request in the caller's transaction. */
    public void rejectWithin(EventEnvelope<? extends DeploymentEvent> request, String code, String reason) {
        int first = sql.update("INSERT INTO inbox (event_id, received_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                request.id(), clock.instant());
        if (first == 1) {
            events.rejected(request.data().deploymentId(), request.data().clusterId(), code, reason);
            metrics.rejected(code);
            LOG.infof("rejected deployment request %s: %s %s", request.id(), code, reason);
        }
    }
}
