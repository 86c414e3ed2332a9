-- Rules that silence cannot game. The first delivery ends the late-delivery right for good, so it is
-- kept (derived from the timeline for orders delivered before); an open dispute is named on its order, so
-- that opening it collides with any racing transition on the order's version.
ALTER TABLE orders ADD COLUMN delivered_at TIMESTAMP;
ALTER TABLE orders ADD COLUMN open_dispute VARCHAR(36);
UPDATE orders SET delivered_at = (SELECT MIN(e.occurred_at) FROM order_event e
    WHERE e.order_id = orders.id AND e.to_stage = 'DELIVERED');
-- An automatic completion waits for an open cancellation request's answer at most once per delivery.
ALTER TABLE order_timer ADD COLUMN postponed INTEGER DEFAULT 0 NOT NULL;
-- Disputes: one side asks an administrator to decide a paid order. Oldest open first for the administrators.
CREATE TABLE order_dispute (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    order_id VARCHAR(36) NOT NULL REFERENCES orders (id),
    status VARCHAR(16) NOT NULL,
    opened_by VARCHAR(128) NOT NULL,
    reason VARCHAR(1000) NOT NULL,
    proposed_refund_minor BIGINT,
    opened_at TIMESTAMP NOT NULL,
    decision VARCHAR(16),
    refund_minor BIGINT,
    currency CHAR(3) NOT NULL,
    new_due_at TIMESTAMP,
    decided_by VARCHAR(128),
    note VARCHAR(1000),
    decided_at TIMESTAMP,
    version BIGINT NOT NULL
);
CREATE INDEX order_dispute_open ON order_dispute (status, opened_at);
CREATE INDEX order_dispute_order ON order_dispute (order_id, opened_at);
-- How many cancellation requests a side made on an order, and when its last one closed.
CREATE INDEX order_request_side ON order_request (order_id, kind, requested_by);
-- The due date used to hold through deliveries; from now on the first delivery ends it.
UPDATE order_timer SET state = 'CANCELLED' WHERE kind = 'DUE' AND state = 'PENDING'
    AND order_id IN (SELECT id FROM orders WHERE delivered_at IS NOT NULL);
