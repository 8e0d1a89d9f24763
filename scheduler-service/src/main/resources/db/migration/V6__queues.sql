-- A cluster's queues (one per team or project): what each is guaranteed, what it may borrow and lend, its
-- weight in fair sharing, who may submit to it, and which one takes submissions that name none. A change to them
-- is a change of the cluster (its version moves on), so every scheduler instance plans with the same queues.
CREATE TABLE queues (
    cluster_id         UUID             NOT NULL,
    name               TEXT             NOT NULL CHECK (name ~ '^[a-z0-9-]{1,63}$'),
    quota_cpu_millis   BIGINT           NOT NULL CHECK (quota_cpu_millis >= 0),
    quota_memory_bytes BIGINT           NOT NULL CHECK (quota_memory_bytes >= 0),
    quota_gpu          BIGINT           NOT NULL CHECK (quota_gpu >= 0),
    -- no limit when null (all three together)
    borrow_cpu_millis  BIGINT CHECK (borrow_cpu_millis >= 0),
    borrow_memory_bytes BIGINT CHECK (borrow_memory_bytes >= 0),
    borrow_gpu         BIGINT CHECK (borrow_gpu >= 0),
    lend_cpu_millis    BIGINT CHECK (lend_cpu_millis >= 0),
    lend_memory_bytes  BIGINT CHECK (lend_memory_bytes >= 0),
    lend_gpu           BIGINT CHECK (lend_gpu >= 0),
    weight             DOUBLE PRECISION NOT NULL CHECK (weight > 0),
    -- who may submit to it; null: every member of the cluster's organization who may submit at all
    members            UUID[],
    is_default         BOOLEAN          NOT NULL DEFAULT false,
    created_at         TIMESTAMPTZ      NOT NULL,
    updated_at         TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (cluster_id, name),
    CHECK ((borrow_cpu_millis IS NULL) = (borrow_gpu IS NULL) AND (borrow_gpu IS NULL) = (borrow_memory_bytes IS NULL)),
    CHECK ((lend_cpu_millis IS NULL) = (lend_gpu IS NULL) AND (lend_gpu IS NULL) = (lend_memory_bytes IS NULL))
);
-- At most one default queue per cluster.
CREATE UNIQUE INDEX queues_one_default ON queues (cluster_id) WHERE is_default;

-- The queue a deployment runs in; null on a cluster without queues (or from before it had them).
ALTER TABLE deployments ADD COLUMN queue TEXT;
CREATE INDEX deployments_live_by_queue ON deployments (cluster_id, queue) WHERE status IN ('PENDING', 'RUNNING');
