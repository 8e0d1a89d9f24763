-- The timeline is kept for a while (hv.scheduler.history-retention), then let go, oldest first. A BRIN index:
-- the rows arrive in time order, so it costs almost nothing to keep up as they are written.
ALTER TABLE deployment_history ADD COLUMN recorded_at TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE INDEX deployment_history_by_time ON deployment_history USING brin (recorded_at);
