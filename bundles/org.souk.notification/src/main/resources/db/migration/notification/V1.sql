-- Each user's in-app inbox. The unique key makes a redelivered event create nothing new.
CREATE TABLE notification (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    recipient_id VARCHAR(128) NOT NULL,
    type VARCHAR(32) NOT NULL,
    order_id VARCHAR(36),
    title VARCHAR(200) NOT NULL,
    body VARCHAR(1000) NOT NULL,
    dedup_key VARCHAR(200) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP,
    version BIGINT NOT NULL,
    CONSTRAINT notification_once UNIQUE (dedup_key)
);
CREATE INDEX notification_inbox ON notification (recipient_id, created_at);
