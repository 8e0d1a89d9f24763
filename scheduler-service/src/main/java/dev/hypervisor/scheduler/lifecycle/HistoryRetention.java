package dev.hypervisor.scheduler.lifecycle;

import dev.hypervisor.scheduler.config.SchedulerConfig;
import dev.hypervisor.scheduler.persistence.DeploymentHistory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Lets the timeline's events go once they are older than {@code hv.scheduler.history-retention} (7 days), a
 * bounded batch at a time so that no statement holds the table long. Any instance may do it: a row deleted twice
 * is deleted once.
 */
@ApplicationScoped
public class HistoryRetention {

    private static final Logger LOG = Logger.getLogger(HistoryRetention.class);
    private static final int BATCH = 10_000;

    private final DeploymentHistory history;
    private final SchedulerConfig config;
    private final Clock clock;

    public HistoryRetention(DeploymentHistory history, SchedulerConfig config, Clock clock) {
        this.history = history;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void letOldEventsGo() {
        try {
            int forgotten;
            do {
                forgotten = QuarkusTransaction.requiringNew().call(() ->
                        history.forgetBefore(clock.instant().minus(config.historyRetention()), BATCH));
            } while (forgotten == BATCH);
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not let the timeline's old events go; the next round retries");
        }
    }
}
