-- The deployments the scheduler has accepted on each cluster and not yet ended (pending or running), as its events
-- on hypervisor.deployment.events tell: a cluster with any cannot be deleted. No foreign key to clusters: an event
-- may name a cluster this service never had or no longer has.
CREATE TABLE live_deployments (
    deployment_id UUID        PRIMARY KEY,
    cluster_id    UUID        NOT NULL,
    seen_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX live_deployments_by_cluster ON live_deployments (cluster_id);
