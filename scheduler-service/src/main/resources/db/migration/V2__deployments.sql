-- Deployments, who waits for whom, and the outbox of events about them.

CREATE TABLE deployments (
    id              UUID PRIMARY KEY,
    cluster_id      UUID        NOT NULL,
    organization_id UUID        NOT NULL,
    requested_by    TEXT        NOT NULL,
    name            TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    image           TEXT        NOT NULL CHECK (length(image) BETWEEN 1 AND 500),
    cpu_millis      BIGINT      NOT NULL CHECK (cpu_millis > 0),
    memory_bytes    BIGINT      NOT NULL CHECK (memory_bytes > 0),
    gpu             BIGINT      NOT NULL CHECK (gpu >= 0),
    priority        TEXT        NOT NULL CHECK (priority IN ('LOW', 'MEDIUM', 'HIGH')),
    status          TEXT        NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
    labels          JSONB       NOT NULL DEFAULT '{}',
    submitted_at    TIMESTAMPTZ NOT NULL,
    started_at      TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ,
    preemptions     INTEGER     NOT NULL DEFAULT 0 CHECK (preemptions >= 0),
    message         TEXT,
    idempotency_key TEXT,
    request_hash    TEXT,
    -- a running deployment has started; a finished one has finished
    CHECK ((status = 'RUNNING') <= (started_at IS NOT NULL)),
    CHECK ((status IN ('COMPLETED', 'FAILED', 'CANCELLED')) = (finished_at IS NOT NULL))
);
-- The same Idempotency-Key from the same caller names the same deployment.
CREATE UNIQUE INDEX deployments_idempotency ON deployments (requested_by, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
-- Rebuilding a cluster's queue reads its live deployments.
CREATE INDEX deployments_live_by_cluster ON deployments (cluster_id) WHERE status IN ('PENDING', 'RUNNING');
CREATE INDEX deployments_by_organization ON deployments (organization_id, submitted_at, id);

CREATE TABLE dependencies (
    deployment_id UUID NOT NULL REFERENCES deployments (id),
    depends_on    UUID NOT NULL REFERENCES deployments (id),
    PRIMARY KEY (deployment_id, depends_on),
    CHECK (deployment_id <> depends_on)
);
CREATE INDEX dependencies_by_dependency ON dependencies (depends_on);

-- Events are written here in the same transaction as the change they report; a relay publishes them in
-- order and deletes them, so nothing is published that did not happen and nothing that happened is lost.
CREATE TABLE outbox (
    seq        BIGSERIAL PRIMARY KEY,
    event_id   UUID        NOT NULL UNIQUE,
    topic      TEXT        NOT NULL,
    record_key TEXT        NOT NULL,
    payload    BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- Events consumed from Kafka, by id, so that a redelivered event changes nothing.
CREATE TABLE inbox (
    event_id    UUID PRIMARY KEY,
    received_at TIMESTAMPTZ NOT NULL
);
