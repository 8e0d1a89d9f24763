package dev.hypervisor.scheduler.messaging;

import dev.hypervisor.runtime.lifecycle.BackgroundWorker;
import dev.hypervisor.scheduler.persistence.ClusterVersions;
import dev.hypervisor.scheduler.scheduling.SchedulingLoop;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Hears the changes other instances make to clusters (a REST request can reach any instance) and wakes the
 * loop for those this instance schedules, so their owner plans with them at once. PostgreSQL delivers a
 * notification only when the change commits. Missing one costs time, not correctness: the owner's next pass
 * sees the newer version and rebuilds, and after a reconnect every owned cluster is taken up again.
 */
@ApplicationScoped
public class ClusterChangeListener {

    private static final Logger LOG = Logger.getLogger(ClusterChangeListener.class);
    private static final int WAIT_MILLIS = 500;

    private final AgroalDataSource dataSource;
    private final SchedulingLoop loop;
    private volatile BackgroundWorker worker;

    public ClusterChangeListener(AgroalDataSource dataSource, SchedulingLoop loop) {
        this.dataSource = dataSource;
        this.loop = loop;
    }

    void start(@Observes StartupEvent started) {
        worker = new BackgroundWorker("cluster-change-listener", this::listen);
        worker.start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (worker != null) {
            worker.stop();
        }
    }

    private void listen() {
        boolean reconnecting = false;
        while (worker.running()) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + ClusterVersions.CHANNEL);
                }
                if (reconnecting) {
                    loop.adopt(); // what was announced while nobody listened
                }
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (worker.running()) {
                    PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            wake(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (worker.running()) {
                    LOG.warnf("listening for cluster changes failed (%s); listening again in a second", e.getMessage());
                    reconnecting = true;
                    pause();
                }
            }
        }
    }

    private void wake(String clusterId) {
        try {
            loop.wake(UUID.fromString(clusterId));
        } catch (IllegalArgumentException e) {
            LOG.warnf("ignoring a cluster change notice that names no cluster: %s", clusterId);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
