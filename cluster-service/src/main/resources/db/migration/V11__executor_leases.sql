-- The last heartbeat of each cluster's executor, as heard on the status topic, for the cluster's view.
CREATE TABLE executor_leases (
    cluster_id        UUID        PRIMARY KEY REFERENCES clusters (id) ON DELETE CASCADE,
    executor_id       TEXT        NOT NULL,
    last_heartbeat_at TIMESTAMPTZ NOT NULL
);
