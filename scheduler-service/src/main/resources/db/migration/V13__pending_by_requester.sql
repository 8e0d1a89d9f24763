-- A cluster's queue filtered to one person's deployments (GET /api/v1/clusters/{id}/queue?userId=) reads their
-- pending ids here, at the cost of how many they have waiting, not of the whole queue. A deployment enters the
-- index when it is submitted or goes back to waiting, and no other change touches it.
CREATE INDEX deployments_pending_by_requester ON deployments (cluster_id, requested_by) WHERE status = 'PENDING';
