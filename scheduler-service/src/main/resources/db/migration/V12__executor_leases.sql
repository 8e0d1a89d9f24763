-- Executor leases: the last heartbeat of each cluster's executor, and the running deployments its last heartbeat
-- did not list (one more heartbeat without them and they are lost).
CREATE TABLE executor_leases (
    cluster_id        UUID        PRIMARY KEY,
    executor_id       TEXT        NOT NULL,
    last_heartbeat_at TIMESTAMPTZ NOT NULL,
    missed            UUID[]      NOT NULL DEFAULT '{}'
);
