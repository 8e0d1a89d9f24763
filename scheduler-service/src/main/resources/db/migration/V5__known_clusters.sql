-- What the scheduler last learned from cluster-service about each cluster it has queued deployments for: whose
-- it is, its capacity, and whether it may preempt. cluster-service stays the truth; this copy lets every instance
-- keep accepting and queueing deployments for a known cluster while cluster-service cannot answer.
CREATE TABLE known_clusters (
    cluster_id         UUID        PRIMARY KEY,
    organization_id    UUID        NOT NULL,
    cpu_millis         BIGINT      NOT NULL CHECK (cpu_millis >= 0),
    memory_bytes       BIGINT      NOT NULL CHECK (memory_bytes >= 0),
    gpu                BIGINT      NOT NULL CHECK (gpu >= 0),
    preemption_allowed BOOLEAN     NOT NULL,
    learned_at         TIMESTAMPTZ NOT NULL
);
