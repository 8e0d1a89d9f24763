-- Run-time limits and why a deployment did not complete.
ALTER TABLE deployments
    ADD COLUMN max_run_seconds BIGINT CHECK (max_run_seconds BETWEEN 1 AND 2592000),
    -- when a running deployment with a limit is ended; set as it starts, cleared when it is preempted
    ADD COLUMN deadline        TIMESTAMPTZ,
    -- FAILED (reported), TIMED_OUT, DEPENDENCY_FAILED, CANCELLED, CLUSTER_DELETED: the change that ended it
    ADD COLUMN failure_reason  TEXT;

-- The sweep that ends deployments past their deadline reads only those due: what it costs grows with what is
-- due, not with what runs.
CREATE INDEX deployments_due ON deployments (deadline) WHERE status = 'RUNNING' AND deadline IS NOT NULL;
