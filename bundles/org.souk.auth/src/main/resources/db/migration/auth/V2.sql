-- A change of a user's email address that waits for its confirmation (PATCH /api/v1/me): at most one per user,
-- a newer request replaces it. Only the SHA-256 of the link's token is kept (hex); the row goes when the
-- change is confirmed.
CREATE TABLE user_email_change (
    user_id VARCHAR(128) NOT NULL PRIMARY KEY,
    new_email VARCHAR(254) NOT NULL,
    token_hash VARCHAR(64) NOT NULL,
    requested_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL
);
CREATE UNIQUE INDEX user_email_change_token ON user_email_change (token_hash);
