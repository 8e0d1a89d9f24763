package dev.hypervisor.scheduler.persistence;

import dev.hypervisor.runtime.sql.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Each deployment's events as they were published, in order: its timeline. The outbox relay writes it
 * ({@link Outbox#takeOldest}); nothing else does.
 */
@ApplicationScoped
public class DeploymentHistory {

    private final Sql sql;

    public DeploymentHistory(Sql sql) {
        this.sql = sql;
    }

    /** The deployment's published events, each as its JSON envelope, oldest first. */
    public List<byte[]> of(UUID deploymentId) {
        return sql.list("SELECT payload FROM deployment_history WHERE deployment_id = ? ORDER BY seq",
                row -> row.bytes("payload"), deploymentId);
    }
}
