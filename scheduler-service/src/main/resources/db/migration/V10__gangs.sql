-- Gangs: a deployment of `replicas` alike replicas (resources are per replica) that start together, or with at
-- least `min_replicas` of them; `replicas_running` is how many it started with (NULL unless it runs or ran).
ALTER TABLE deployments
    ADD COLUMN replicas         INTEGER NOT NULL DEFAULT 1,
    ADD COLUMN min_replicas     INTEGER NOT NULL DEFAULT 1,
    ADD COLUMN replicas_running INTEGER,
    ADD CONSTRAINT deployments_replicas CHECK (replicas BETWEEN 1 AND 1000
        AND min_replicas BETWEEN 1 AND replicas
        AND (replicas_running IS NULL OR replicas_running BETWEEN min_replicas AND replicas));
UPDATE deployments SET replicas_running = 1 WHERE started_at IS NOT NULL;
