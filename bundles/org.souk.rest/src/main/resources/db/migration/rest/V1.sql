-- Idempotency keys of POST requests: the first answer to a key, replayed to its retries for 24 hours.
-- id is the SHA-256 of caller and key (fixed length, whatever the key). Times are epoch milliseconds, so
-- that nodes in different time zones compare them alike.
CREATE TABLE rest_idempotency (
    id CHAR(64) NOT NULL PRIMARY KEY,
    caller_id VARCHAR(128) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request_hash CHAR(64) NOT NULL,
    target VARCHAR(1024) NOT NULL,
    state VARCHAR(12) NOT NULL,
    lock_token VARCHAR(36) NOT NULL,
    locked_ms BIGINT NOT NULL,
    created_ms BIGINT NOT NULL,
    expires_ms BIGINT NOT NULL,
    status INTEGER,
    content_type VARCHAR(255),
    location VARCHAR(2048),
    body_parts INTEGER
);
CREATE INDEX rest_idempotency_expiry ON rest_idempotency (expires_ms);
-- The answer's body, in parts that every database stores as plain text.
CREATE TABLE rest_idempotency_part (
    id CHAR(64) NOT NULL REFERENCES rest_idempotency (id) ON DELETE CASCADE,
    part INTEGER NOT NULL,
    chunk VARCHAR(8000) NOT NULL,
    PRIMARY KEY (id, part)
);
