package dev.hypervisor.scheduler.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypervisor.common.deployment.DeploymentStatus;
import dev.hypervisor.common.deployment.Priority;
import dev.hypervisor.common.deployment.RetryPolicy;
import dev.hypervisor.common.resources.Resources;
import dev.hypervisor.scheduler.domain.Deployment;
import dev.hypervisor.scheduler.domain.StatusChange;
import dev.hypervisor.runtime.sql.Row;
import dev.hypervisor.runtime.sql.Sql;
import dev.hypervisor.runtime.sql.SqlArray;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The deployments table and who depends on whom. */
@ApplicationScoped
public class DeploymentRepository {

    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };
    /** The statuses of deployments that wait or hold capacity (as the partial indexes of live deployments say). */
    private static final String LIVE = "('PENDING', 'RUNNING', 'PREEMPTING')";
    private static final String COLUMNS = """
            d.id, d.cluster_id, d.organization_id, d.requested_by, d.name, d.image, d.cpu_millis, d.memory_bytes,
            d.gpu, d.priority, d.status, d.labels::text AS labels, d.submitted_at, d.started_at, d.finished_at,
            d.preemptions, d.message, d.queue, d.max_run_seconds, d.deadline, d.failure_reason, d.max_attempts,
            d.retry_on, d.attempts, d.replicas, d.min_replicas, d.replicas_running, d.preempted_by,
            ARRAY(SELECT depends_on FROM dependencies WHERE deployment_id = d.id ORDER BY depends_on)::text[]
                AS depends_on""";

    private final Sql sql;
    private final ObjectMapper json;

    public DeploymentRepository(Sql sql, ObjectMapper json) {
        this.sql = sql;
        this.json = json;
    }

    private static final String INSERT = """
            INSERT INTO deployments (id, cluster_id, organization_id, requested_by, name, image, cpu_millis,
                                     memory_bytes, gpu, priority, status, labels, submitted_at, idempotency_key,
                                     request_hash, queue, max_run_seconds, max_attempts, retry_on, replicas,
                                     min_replicas)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (requested_by, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING""";
    private static final String INSERT_DEPENDENCIES =
            "INSERT INTO dependencies (deployment_id, depends_on) SELECT ?, unnest(?::uuid[])";

    /**
     * Stores a new deployment and its dependencies; answers false, storing nothing, when the caller already
     * used this idempotency key.
     */
    public boolean insert(NewDeployment deployment) {
        if (sql.update(INSERT, insertParameters(deployment)) == 0) {
            return false;
        }
        if (!deployment.deployment().dependsOn().isEmpty()) {
            sql.update(INSERT_DEPENDENCIES, dependencyParameters(deployment.deployment()));
        }
        return true;
    }

    /**
     * Stores new deployments that have no idempotency key, and their dependencies, in one round trip (two when
     * some have dependencies).
     */
    public void insertAll(List<NewDeployment> deployments) {
        if (deployments.stream().anyMatch(deployment -> deployment.idempotencyKey() != null)) {
            throw new IllegalArgumentException("a deployment with an idempotency key is inserted on its own");
        }
        sql.batch(INSERT, deployments.stream().map(this::insertParameters).toList());
        sql.batch(INSERT_DEPENDENCIES, deployments.stream().map(NewDeployment::deployment)
                .filter(deployment -> !deployment.dependsOn().isEmpty()).map(DeploymentRepository::dependencyParameters)
                .toList());
    }

    private Object[] insertParameters(NewDeployment stored) {
        Deployment deployment = stored.deployment();
        return new Object[] {deployment.id(), deployment.clusterId(), deployment.organizationId(),
                deployment.requestedBy(), deployment.name(), deployment.image(), deployment.resources().cpuMillis(),
                deployment.resources().memoryBytes(), deployment.resources().gpu(), deployment.priority(),
                deployment.status(), labelsJson(deployment.labels()), deployment.submittedAt(),
                stored.idempotencyKey(), stored.requestHash(), deployment.queue(),
                deployment.maxRunDuration() == null ? null : deployment.maxRunDuration().toSeconds(),
                deployment.retry().maxAttempts(), SqlArray.texts(deployment.retry().on()), deployment.replicas(),
                deployment.minReplicas()};
    }

    private static Object[] dependencyParameters(Deployment deployment) {
        return new Object[] {deployment.id(), SqlArray.uuids(deployment.dependsOn())};
    }

    /** Which of these deployments exist (events redelivered after their intake, say); the set may be changed. */
    public Set<UUID> existing(Collection<UUID> ids) {
        return new HashSet<>(sql.list("SELECT id FROM deployments WHERE id = ANY(?)", row -> row.uuid("id"),
                SqlArray.uuids(ids)));
    }

    /** How many pending or running deployments the cluster's queue has. */
    public long countLiveIn(UUID clusterId, String queue) {
        return sql.one("SELECT count(*) AS live FROM deployments WHERE cluster_id = ? AND queue = ?"
                + " AND status IN " + LIVE, row -> row.longValue("live"), clusterId, queue).orElse(0L);
    }

    /** The clusters that have pending or running deployments. */
    public List<UUID> clustersWithLiveDeployments() {
        return sql.list("SELECT DISTINCT cluster_id FROM deployments WHERE status IN " + LIVE,
                row -> row.uuid("cluster_id"));
    }

    /** The ids of the cluster's pending deployments that this subject asked for. */
    public Set<UUID> pendingRequestedBy(UUID clusterId, String requestedBy) {
        return new HashSet<>(sql.list("SELECT id FROM deployments WHERE cluster_id = ? AND requested_by = ?"
                + " AND status = 'PENDING'", row -> row.uuid("id"), clusterId, requestedBy));
    }

    public Optional<Deployment> find(UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM deployments d WHERE d.id = ?", this::record, id);
    }

    /** The deployment an earlier request with this idempotency key created, with that request's fingerprint. */
    public Optional<Map.Entry<Deployment, String>> findByIdempotencyKey(String requestedBy, String key) {
        return sql.one("SELECT " + COLUMNS + ", d.request_hash FROM deployments d"
                        + " WHERE d.requested_by = ? AND d.idempotency_key = ?",
                row -> Map.entry(record(row), row.string("request_hash")), requestedBy, key);
    }

    public List<Deployment> findAll(Collection<UUID> ids) {
        return sql.list("SELECT " + COLUMNS + " FROM deployments d WHERE d.id = ANY(?)", this::record,
                SqlArray.uuids(ids));
    }

    /** The cluster's pending and running deployments, to rebuild its queue. */
    public List<Deployment> liveOn(UUID clusterId) {
        return sql.list("SELECT " + COLUMNS + " FROM deployments d WHERE d.cluster_id = ?"
                + " AND d.status IN " + LIVE, this::record, clusterId);
    }

    /** The statuses of these deployments, by id. */
    public Map<UUID, DeploymentStatus> statusesOf(Collection<UUID> ids) {
        Map<UUID, DeploymentStatus> statuses = new HashMap<>();
        if (ids.isEmpty()) {
            return statuses;
        }
        sql.list("SELECT id, status FROM deployments WHERE id = ANY(?)",
                        row -> Map.entry(row.uuid("id"), row.enumValue("status", DeploymentStatus.class)),
                        SqlArray.uuids(ids))
                .forEach(entry -> statuses.put(entry.getKey(), entry.getValue()));
        return statuses;
    }

    /** Deployments of these organizations, newest first, filtered, after the cursor position. */
    public List<Deployment> list(Collection<UUID> organizations, DeploymentFilter filter, Instant beforeSubmittedAt,
                                 UUID beforeId, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(SqlArray.uuids(organizations)));
        StringBuilder where = new StringBuilder("d.organization_id = ANY(?)");
        filter.clusterId().ifPresent(id -> {
            where.append(" AND d.cluster_id = ?");
            parameters.add(id);
        });
        filter.status().ifPresent(value -> {
            where.append(" AND d.status = ?");
            parameters.add(value);
        });
        filter.priority().ifPresent(value -> {
            where.append(" AND d.priority = ?");
            parameters.add(value);
        });
        filter.queue().ifPresent(value -> {
            where.append(" AND d.queue = ?");
            parameters.add(value);
        });
        where.append(" AND (d.submitted_at, d.id) < (?, ?)");
        parameters.add(beforeSubmittedAt);
        parameters.add(beforeId);
        parameters.add(limit);
        return sql.list("SELECT " + COLUMNS + " FROM deployments d WHERE " + where
                + " ORDER BY d.submitted_at DESC, d.id DESC LIMIT ?", this::record, parameters.toArray());
    }

    /*
     * Status changes are decided by StatusChange (checked against DeploymentStatus's table); these statements only
     * record them, for the deployments still in one of the change's from-statuses.
     */

    /**
     * Records the placements ({@link StatusChange#PLACED}), each with the replicas it started with; answers those
     * that moved, as they are now.
     */
    public List<Deployment> markRunning(Map<UUID, Integer> replicasOf, Instant startedAt) {
        List<UUID> ids = List.copyOf(replicasOf.keySet());
        return sql.list("UPDATE deployments d SET status = ?, started_at = ?, attempts = d.attempts + 1,"
                        + " replicas_running = p.replicas,"
                        + " deadline = ?::timestamptz + d.max_run_seconds * interval '1 second'"
                        + " FROM unnest(?, ?) AS p(id, replicas) WHERE d.id = p.id"
                        + " AND d.status = ANY(?) RETURNING " + COLUMNS, this::record, StatusChange.PLACED.to(),
                startedAt, startedAt, SqlArray.uuids(ids),
                SqlArray.integers(ids.stream().map(replicasOf::get).toList()), names(StatusChange.PLACED));
    }

    /** Records preemptions ({@link StatusChange#PREEMPTED}), counting them; answers how many moved. */
    public int markPreempted(Collection<UUID> ids) {
        return sql.update("UPDATE deployments SET status = ?, started_at = NULL, deadline = NULL,"
                + " replicas_running = NULL, preemptions = preemptions + 1"
                + " WHERE id = ANY(?) AND status = ANY(?)", StatusChange.PREEMPTED.to(), SqlArray.uuids(ids),
                names(StatusChange.PREEMPTED));
    }

    /**
     * Records graceful preemptions ({@link StatusChange#ASKED_TO_STOP}): each victim with its preemptor and reason
     * (PREEMPTED or RECLAIMED), to stop by {@code stopBy}; answers those that moved.
     */
    public List<UUID> markPreempting(Map<UUID, UUID> preemptorOf, Map<UUID, String> reasons, Instant stopBy) {
        List<UUID> ids = List.copyOf(preemptorOf.keySet());
        return sql.list("UPDATE deployments d SET status = ?, preempted_by = v.preemptor, preempt_reason = v.reason,"
                        + " stop_by = ? FROM unnest(?, ?, ?) AS v(id, preemptor, reason) WHERE d.id = v.id"
                        + " AND d.status = ANY(?) RETURNING d.id", row -> row.uuid("id"),
                StatusChange.ASKED_TO_STOP.to(), stopBy, SqlArray.uuids(ids),
                SqlArray.uuids(ids.stream().map(preemptorOf::get).toList()),
                SqlArray.texts(ids.stream().map(reasons::get).toList()), names(StatusChange.ASKED_TO_STOP));
    }

    /** A deployment that stopped for a graceful preemption: for whom, why, and how often it has been preempted. */
    public record Stopped(UUID id, UUID clusterId, UUID preemptedBy, String reason, int preemptions) {
    }

    /**
     * Records that these deployments, asked to stop, stopped or ran out of grace ({@link StatusChange#STOPPED}):
     * back to waiting, one more preemption counted; answers those that moved.
     */
    public List<Stopped> markStopped(Collection<UUID> ids) {
        return sql.list("WITH stopping AS (SELECT id, preempted_by, preempt_reason FROM deployments"
                        + " WHERE id = ANY(?) AND status = ANY(?) FOR UPDATE)"
                        + " UPDATE deployments d SET status = ?, started_at = NULL, deadline = NULL,"
                        + " replicas_running = NULL, stop_by = NULL, preempted_by = NULL, preempt_reason = NULL,"
                        + " preemptions = d.preemptions + 1 FROM stopping s WHERE d.id = s.id"
                        + " RETURNING d.id, d.cluster_id, s.preempted_by, s.preempt_reason, d.preemptions",
                row -> new Stopped(row.uuid("id"), row.uuid("cluster_id"), row.uuid("preempted_by"),
                        row.string("preempt_reason"), row.integer("preemptions")),
                SqlArray.uuids(ids), names(StatusChange.STOPPED), StatusChange.STOPPED.to());
    }

    /** Deployments asked to stop whose grace period ended at or before {@code now}, the earliest first. */
    public List<Due> stopDueBy(Instant now, int limit) {
        return sql.list("SELECT id, cluster_id FROM deployments WHERE status = 'PREEMPTING' AND stop_by <= ?"
                        + " ORDER BY stop_by LIMIT ?", row -> new Due(row.uuid("id"), row.uuid("cluster_id")), now,
                limit);
    }

    /** Records retries ({@link StatusChange#RETRIED}): back to waiting; answers those that moved. */
    public List<UUID> markRetried(Collection<UUID> ids) {
        return sql.list("UPDATE deployments SET status = ?, started_at = NULL, deadline = NULL,"
                        + " replicas_running = NULL, stop_by = NULL, preempted_by = NULL, preempt_reason = NULL"
                        + " WHERE id = ANY(?) AND status = ANY(?) RETURNING id",
                row -> row.uuid("id"), StatusChange.RETRIED.to(), SqlArray.uuids(ids), names(StatusChange.RETRIED));
    }

    /**
     * Records an ending change (a failure, a cancellation, a deleted cluster) with its message; answers the
     * deployments that moved.
     */
    public List<UUID> change(StatusChange change, Collection<UUID> ids, String message, Instant finishedAt) {
        if (!change.to().isTerminal()) {
            throw new IllegalArgumentException(change + " does not end a deployment");
        }
        return sql.list("UPDATE deployments SET status = ?, message = ?, finished_at = ?, failure_reason = ?"
                        + " WHERE id = ANY(?) AND status = ANY(?) RETURNING id", row -> row.uuid("id"), change.to(),
                message, finishedAt, change.failureReason(), SqlArray.uuids(ids), names(change));
    }

    /** A running deployment past its deadline. */
    public record Due(UUID id, UUID clusterId) {
    }

    /**
     * The running deployments whose deadline is at or before {@code now}, the earliest first, at most
     * {@code limit}: read through the index of deadlines, so it costs what is due, not what runs.
     */
    public List<Due> dueBy(Instant now, int limit) {
        return sql.list("SELECT id, cluster_id FROM deployments WHERE status = 'RUNNING' AND deadline IS NOT NULL"
                        + " AND deadline <= ? ORDER BY deadline LIMIT ?",
                row -> new Due(row.uuid("id"), row.uuid("cluster_id")), now, limit);
    }

    /** Records completions ({@link StatusChange#COMPLETED}), each with its own message; answers those that moved. */
    public List<UUID> complete(Map<UUID, String> messages, Instant finishedAt) {
        List<UUID> ids = List.copyOf(messages.keySet());
        return sql.list("UPDATE deployments d SET status = ?, message = m.message, finished_at = ?"
                        + " FROM unnest(?, ?) AS m(id, message) WHERE d.id = m.id AND d.status = ANY(?)"
                        + " RETURNING d.id", row -> row.uuid("id"), StatusChange.COMPLETED.to(), finishedAt,
                SqlArray.uuids(ids), SqlArray.texts(ids.stream().map(messages::get).toList()),
                names(StatusChange.COMPLETED));
    }

    private static List<String> names(StatusChange change) {
        return change.from().stream().map(Enum::name).toList();
    }

    private Deployment record(Row row) throws SQLException {
        List<UUID> dependsOn = new ArrayList<>();
        row.strings("depends_on").forEach(id -> dependsOn.add(UUID.fromString(id)));
        long limit = row.longValue("max_run_seconds"); // 0 when none: a limit is at least a second
        return new Deployment(row.uuid("id"), row.uuid("cluster_id"), row.uuid("organization_id"),
                row.string("requested_by"), row.string("name"), row.string("image"),
                new Resources(row.longValue("cpu_millis"), row.longValue("memory_bytes"), row.longValue("gpu")),
                row.enumValue("priority", Priority.class), row.enumValue("status", DeploymentStatus.class),
                labels(row.string("labels")), dependsOn, row.instant("submitted_at"), row.instant("started_at"),
                row.instant("finished_at"), row.integer("preemptions"), row.string("message"), row.string("queue"),
                limit == 0 ? null : Duration.ofSeconds(limit), row.instant("deadline"), row.string("failure_reason"),
                new RetryPolicy(row.integer("max_attempts"), row.strings("retry_on")), row.integer("attempts"),
                row.integer("replicas"), row.integer("min_replicas"), row.integer("replicas_running"),
                row.uuid("preempted_by"));
    }

    private Map<String, String> labels(String text) {
        try {
            return json.readValue(text, LABELS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored labels are not a JSON object of strings", e);
        }
    }

    private String labelsJson(Map<String, String> labels) {
        try {
            return json.writeValueAsString(labels);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
