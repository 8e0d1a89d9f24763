-- Users, organizations and their members, invites, and refresh-token sessions.
-- Constraints here are the last line of defence: the service checks the same rules first and explains them.

CREATE TABLE users (
    id             UUID PRIMARY KEY,
    username       TEXT        NOT NULL CHECK (username ~ '^[A-Za-z0-9_.-]{3,64}$'),
    email          TEXT        NOT NULL CHECK (length(email) BETWEEN 3 AND 254 AND email LIKE '%_@_%'),
    password_hash  TEXT        NOT NULL,
    platform_roles TEXT[]      NOT NULL DEFAULT '{}',
    created_at     TIMESTAMPTZ NOT NULL
);
-- Names and addresses are unique regardless of case: "Ada" and "ada" are one account.
CREATE UNIQUE INDEX users_username_unique ON users (lower(username));
CREATE UNIQUE INDEX users_email_unique ON users (lower(email));

CREATE TABLE organizations (
    id         UUID PRIMARY KEY,
    name       TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    created_by UUID        NOT NULL REFERENCES users (id),
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE memberships (
    organization_id UUID        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id         UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role            TEXT        NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'DEVELOPER', 'VIEWER')),
    joined_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX memberships_by_user ON memberships (user_id);

-- Codes are stored as SHA-256 hashes. Only an organization's standing invite also keeps its code sealed
-- (AES-GCM), so that its admins can look it up again.
CREATE TABLE invites (
    id              UUID PRIMARY KEY,
    organization_id UUID        NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    code_hash       BYTEA       NOT NULL UNIQUE,
    sealed_code     BYTEA,
    standing        BOOLEAN     NOT NULL DEFAULT false,
    role            TEXT        NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'DEVELOPER', 'VIEWER')),
    max_uses        INTEGER     NOT NULL CHECK (max_uses BETWEEN 1 AND 1000),
    uses            INTEGER     NOT NULL DEFAULT 0,
    expires_at      TIMESTAMPTZ NOT NULL,
    revoked_at      TIMESTAMPTZ,
    created_by      UUID        NOT NULL REFERENCES users (id),
    created_at      TIMESTAMPTZ NOT NULL,
    CHECK (uses BETWEEN 0 AND max_uses),
    CHECK (NOT standing OR sealed_code IS NOT NULL)
);
CREATE INDEX invites_by_organization ON invites (organization_id);

-- One row per refresh token. Tokens of one login form a family; a rotated token is marked used, and using it
-- again revokes the whole family.
CREATE TABLE refresh_tokens (
    id         UUID PRIMARY KEY,
    family_id  UUID        NOT NULL,
    user_id    UUID        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash BYTEA       NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);
