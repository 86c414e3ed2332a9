-- Requests one side of an order makes to the other: a mutual cancellation (with the refund it proposes)
-- or an extension (days more to deliver). One open request of a kind per order: opening one also writes
-- the order's timeline, so two racing requests collide on the order's version.
CREATE TABLE order_request (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    order_id VARCHAR(36) NOT NULL REFERENCES orders (id),
    kind VARCHAR(16) NOT NULL,
    status VARCHAR(16) NOT NULL,
    requested_by VARCHAR(128) NOT NULL,
    reason VARCHAR(1000) NOT NULL,
    refund_minor BIGINT,
    refund_currency CHAR(3),
    extra_days INTEGER,
    requested_at TIMESTAMP NOT NULL,
    answer_by TIMESTAMP,
    answered_by VARCHAR(128),
    answer_note VARCHAR(1000),
    answered_at TIMESTAMP,
    version BIGINT NOT NULL
);
CREATE INDEX order_request_order ON order_request (order_id, kind, status);
