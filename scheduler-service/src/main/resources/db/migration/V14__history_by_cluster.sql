-- A cluster's event stream resumes after a Last-Event-ID within the last hour: each timeline row names its cluster
-- (the record key it was published with) and its event, and a cluster's rows are read newest first through
-- (cluster_id, seq) until that event. Rows from before have neither; they are past the hour soon.
ALTER TABLE deployment_history ADD COLUMN cluster_id UUID, ADD COLUMN event_id UUID;
CREATE INDEX deployment_history_by_cluster ON deployment_history (cluster_id, seq);
