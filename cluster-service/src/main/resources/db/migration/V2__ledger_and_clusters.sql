-- The capacity ledger, after OpenStack Placement: providers own inventories (one per resource class); consumers
-- hold claims against them; every change to what is used is appended to the journal.
--
-- The rule that matters most is a constraint: no inventory is ever used beyond its capacity. The service
-- checks it under row locks and explains refusals; the database refuses to store a violation regardless.

CREATE TABLE providers (
    id         UUID PRIMARY KEY,
    kind       TEXT        NOT NULL CHECK (kind IN ('CLUSTER', 'POOL', 'STORAGE_DEVICE')),
    parent_id  UUID REFERENCES providers (id),
    created_at TIMESTAMPTZ NOT NULL
);

-- Amounts are integers of a base unit: CPU in millicores, MEMORY and DISK in bytes, GPU as a count.
CREATE TABLE inventories (
    provider_id    UUID   NOT NULL REFERENCES providers (id) ON DELETE CASCADE,
    resource_class TEXT   NOT NULL CHECK (resource_class IN ('CPU', 'MEMORY', 'GPU', 'DISK')),
    total          BIGINT NOT NULL CHECK (total >= 0),
    reserved       BIGINT NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= total),
    used           BIGINT NOT NULL DEFAULT 0 CHECK (used >= 0),
    PRIMARY KEY (provider_id, resource_class),
    CONSTRAINT never_overbooked CHECK (used <= total - reserved)
);

-- A consumer is whatever holds capacity: a deployment, a VM, a disk, a cluster carved from a pool. Its claim
-- on a provider is one row with an amount per class. Every change to a consumer's claims first takes a
-- transaction-long advisory lock on the consumer, so two changes to one consumer take turns; a consumer exists
-- for as long as it holds claims.
CREATE TABLE claims (
    provider_id   UUID        NOT NULL REFERENCES providers (id),
    consumer_id   UUID        NOT NULL,
    consumer_type TEXT        NOT NULL CHECK (consumer_type IN ('DEPLOYMENT', 'VM', 'DISK', 'CLUSTER')),
    cpu           BIGINT      NOT NULL DEFAULT 0 CHECK (cpu >= 0),
    memory        BIGINT      NOT NULL DEFAULT 0 CHECK (memory >= 0),
    gpu           BIGINT      NOT NULL DEFAULT 0 CHECK (gpu >= 0),
    disk          BIGINT      NOT NULL DEFAULT 0 CHECK (disk >= 0),
    claimed_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (provider_id, consumer_id),
    CHECK (cpu + memory + gpu + disk > 0)
);

-- Append-only: who changed what, by how much per class, and why. CLAIM rows (the consumer holds something
-- afterwards) and RELEASE rows (it holds nothing) change what is used; their deltas sum to the claims. RESIZE
-- rows change an inventory's total and name no consumer.
CREATE TABLE journal (
    seq         BIGSERIAL PRIMARY KEY,
    change_id   UUID        NOT NULL,
    provider_id UUID        NOT NULL,
    consumer_id UUID,
    kind        TEXT        NOT NULL CHECK (kind IN ('CLAIM', 'RELEASE', 'RESIZE')),
    cpu         BIGINT      NOT NULL DEFAULT 0,
    memory      BIGINT      NOT NULL DEFAULT 0,
    gpu         BIGINT      NOT NULL DEFAULT 0,
    disk        BIGINT      NOT NULL DEFAULT 0,
    actor       TEXT        NOT NULL,
    reason      TEXT,
    recorded_at TIMESTAMPTZ NOT NULL,
    CHECK ((kind = 'RESIZE') = (consumer_id IS NULL))
);
CREATE INDEX journal_by_provider ON journal (provider_id, seq);

-- The audit's memory: the journal's CLAIM and RELEASE sums per provider through one sequence number, so that
-- each audit adds only what was journaled since instead of summing the whole journal again.
CREATE TABLE journal_checkpoint (
    only_row    BOOLEAN PRIMARY KEY DEFAULT true CHECK (only_row),
    through_seq BIGINT NOT NULL
);
INSERT INTO journal_checkpoint (through_seq) VALUES (0);

CREATE TABLE journal_sums (
    provider_id UUID PRIMARY KEY,
    cpu         BIGINT NOT NULL,
    memory      BIGINT NOT NULL,
    gpu         BIGINT NOT NULL,
    disk        BIGINT NOT NULL
);

CREATE FUNCTION journal_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the ledger journal is append-only';
END;
$$;
CREATE TRIGGER journal_append_only BEFORE UPDATE OR DELETE ON journal
    FOR EACH ROW EXECUTE FUNCTION journal_is_append_only();

-- A cluster is a provider with CPU, MEMORY and GPU inventories, owned by an organization.
CREATE TABLE clusters (
    id              UUID PRIMARY KEY REFERENCES providers (id),
    organization_id UUID        NOT NULL,
    name            TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    creator_id      UUID        NOT NULL,
    preemption      TEXT        NOT NULL CHECK (preemption IN ('LOWER_PRIORITY', 'NEVER')),
    generation      BIGINT      NOT NULL DEFAULT 1,
    created_at      TIMESTAMPTZ NOT NULL
);
-- Names are unique within an organization regardless of case.
CREATE UNIQUE INDEX clusters_name_unique ON clusters (organization_id, lower(name));
CREATE INDEX clusters_by_organization ON clusters (organization_id, created_at, id);
