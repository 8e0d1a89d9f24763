-- Every change to a cluster's deployments advances the cluster's version, under this row's lock. So changes
-- to one cluster are serialized across scheduler instances, and an instance whose in-memory queue is older
-- than the version knows that another instance changed the cluster, and rebuilds the queue first.
CREATE TABLE cluster_versions (
    cluster_id UUID PRIMARY KEY,
    version    BIGINT NOT NULL CHECK (version > 0)
);
-- One row per cluster, updated by every change: leave room on its page for HOT updates.
ALTER TABLE cluster_versions SET (fillfactor = 50);
