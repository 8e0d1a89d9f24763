-- Memberships ended or lowered, for as long as an access token issued before could still be presented: the other
-- services refuse such a token's word for the membership (GET /.well-known/revoked-memberships). Named by
-- MembershipDigest, so the public list says nothing about who left what.
CREATE TABLE revoked_memberships (
    membership TEXT        NOT NULL,
    revoked_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX revoked_memberships_by_time ON revoked_memberships (revoked_at);
