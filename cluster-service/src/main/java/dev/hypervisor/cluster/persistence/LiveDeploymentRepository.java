package dev.hypervisor.cluster.persistence;

import dev.hypervisor.cluster.domain.LiveDeployments;
import dev.hypervisor.runtime.sql.Sql;
import dev.hypervisor.runtime.sql.SqlArray;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The deployments alive on each cluster (see {@code V8__live_deployments.sql}). */
@ApplicationScoped
public class LiveDeploymentRepository {

    private final Sql sql;

    public LiveDeploymentRepository(Sql sql) {
        this.sql = sql;
    }

    /** Records what a run of events says: the deployments alive after it are kept, the ones that ended dropped. */
    public void apply(LiveDeployments change, Instant now) {
        if (!change.ended().isEmpty()) {
            sql.update("DELETE FROM live_deployments WHERE deployment_id = ANY(?)", SqlArray.uuids(change.ended()));
        }
        if (!change.alive().isEmpty()) {
            List<UUID> deployments = new ArrayList<>(change.alive().keySet());
            List<UUID> clusters = deployments.stream().map(change.alive()::get).toList();
            sql.update("""
                            INSERT INTO live_deployments (deployment_id, cluster_id, seen_at)
                            SELECT d, c, ? FROM unnest(?::uuid[], ?::uuid[]) AS x(d, c)
                            ON CONFLICT (deployment_id) DO NOTHING""",
                    now, SqlArray.uuids(deployments), SqlArray.uuids(clusters));
        }
    }

    /** How many deployments are alive on the cluster. */
    public long countOn(UUID clusterId) {
        return sql.one("SELECT count(*) AS live FROM live_deployments WHERE cluster_id = ?",
                row -> row.longValue("live"), clusterId).orElse(0L);
    }
}
