-- Retries: how often a deployment may start, after which failures, and how often it has started.
ALTER TABLE deployments
    ADD COLUMN max_attempts INTEGER NOT NULL DEFAULT 1 CHECK (max_attempts BETWEEN 1 AND 10),
    ADD COLUMN retry_on     TEXT[]  NOT NULL DEFAULT '{}',
    ADD COLUMN attempts     INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0);
UPDATE deployments SET attempts = 1 WHERE status = 'RUNNING' OR started_at IS NOT NULL;

-- Each deployment's timeline: its events as published. The relay moves them here as it takes them out of the
-- outbox, in the same statement, so the change that wrote them pays nothing more.
ALTER TABLE outbox ADD COLUMN deployment_id UUID;
CREATE TABLE deployment_history (
    deployment_id UUID   NOT NULL,
    seq           BIGINT NOT NULL,
    payload       BYTEA  NOT NULL,
    PRIMARY KEY (deployment_id, seq)
);
