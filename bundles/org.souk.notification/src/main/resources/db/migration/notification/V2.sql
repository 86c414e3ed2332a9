-- The outbox: each cause of notifications, written in the transaction of the change that causes it.
-- Fanned out once (state DONE) into deliveries, one per recipient and channel.
CREATE TABLE notification_outbox (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    topic VARCHAR(100) NOT NULL,
    payload VARCHAR(8000) NOT NULL,
    state VARCHAR(16) NOT NULL,
    due_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    ended_at TIMESTAMP,
    version BIGINT NOT NULL
);
CREATE INDEX notification_outbox_due ON notification_outbox (state, due_at);
-- One notification to one recipient on one channel. The unique key makes a cause that is fanned out twice,
-- or recorded twice, deliver once per channel.
CREATE TABLE notification_delivery (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    notification_id VARCHAR(36) NOT NULL,
    outbox_id VARCHAR(36) NOT NULL,
    recipient_id VARCHAR(128) NOT NULL,
    type VARCHAR(32) NOT NULL,
    channel VARCHAR(64) NOT NULL,
    order_id VARCHAR(36),
    title VARCHAR(200) NOT NULL,
    body VARCHAR(1000) NOT NULL,
    data VARCHAR(8000) NOT NULL,
    state VARCHAR(16) NOT NULL,
    attempts INTEGER NOT NULL,
    last_error VARCHAR(500),
    due_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    ended_at TIMESTAMP,
    version BIGINT NOT NULL,
    CONSTRAINT notification_delivery_once UNIQUE (notification_id, channel)
);
CREATE INDEX notification_delivery_due ON notification_delivery (state, due_at);
-- The cells of the preference matrix a user set; the others take the defaults.
CREATE TABLE notification_preference (
    user_id VARCHAR(128) NOT NULL,
    type VARCHAR(32) NOT NULL,
    channel VARCHAR(64) NOT NULL,
    enabled BOOLEAN NOT NULL,
    version BIGINT NOT NULL,
    PRIMARY KEY (user_id, type, channel)
);
-- How to reach a user: as their token or profile last told it.
CREATE TABLE notification_contact (
    user_id VARCHAR(128) NOT NULL PRIMARY KEY,
    email VARCHAR(254),
    language VARCHAR(35),
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL
);
