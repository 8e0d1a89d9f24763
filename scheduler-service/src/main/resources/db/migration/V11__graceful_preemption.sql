-- Graceful preemption: a victim on a cluster with a grace period is PREEMPTING (it still runs and holds its claim)
-- until its executor reports it stopped or `stop_by` passes; `preempted_by` and `preempt_reason` say for whom and
-- why, for the DeploymentPreempted event that follows and for rebuilding the queue meanwhile.
ALTER TABLE deployments DROP CONSTRAINT deployments_status_check;
ALTER TABLE deployments ADD CONSTRAINT deployments_status_check
    CHECK (status IN ('PENDING', 'RUNNING', 'PREEMPTING', 'COMPLETED', 'FAILED', 'CANCELLED'));
ALTER TABLE deployments
    ADD COLUMN preempted_by   UUID,
    ADD COLUMN preempt_reason TEXT,
    ADD COLUMN stop_by        TIMESTAMPTZ,
    -- (they are left as they were when a stopping deployment ends otherwise: only a PREEMPTING one reads them)
    ADD CONSTRAINT deployments_preempting CHECK ((status = 'PREEMPTING')
        <= (stop_by IS NOT NULL AND started_at IS NOT NULL AND preempted_by IS NOT NULL));
-- The sweep that takes back what did not stop in time reads only the stopping.
CREATE INDEX deployments_stopping ON deployments (stop_by) WHERE status = 'PREEMPTING';
-- A stopping deployment is live: it holds capacity.
DROP INDEX deployments_live_by_cluster;
CREATE INDEX deployments_live_by_cluster ON deployments (cluster_id)
    WHERE status IN ('PENDING', 'RUNNING', 'PREEMPTING');
DROP INDEX deployments_live_by_queue;
CREATE INDEX deployments_live_by_queue ON deployments (cluster_id, queue)
    WHERE status IN ('PENDING', 'RUNNING', 'PREEMPTING');

-- What the scheduler last learned of each cluster's grace period.
ALTER TABLE known_clusters ADD COLUMN preemption_grace_seconds INTEGER NOT NULL DEFAULT 0;
