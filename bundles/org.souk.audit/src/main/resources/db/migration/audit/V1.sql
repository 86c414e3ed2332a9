-- What administrators changed: one row per change, written in the change's own transaction. Listed newest
-- first, overall, per order and per acting user: one index range each, in the list's own order.
CREATE TABLE audit_entry (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    occurred_at TIMESTAMP NOT NULL,
    actor VARCHAR(128) NOT NULL,
    action VARCHAR(64) NOT NULL,
    target VARCHAR(64),
    order_id VARCHAR(36),
    reason VARCHAR(1000),
    outcome VARCHAR(500)
);
CREATE INDEX audit_entry_recent ON audit_entry (occurred_at DESC, id DESC);
CREATE INDEX audit_entry_order ON audit_entry (order_id, occurred_at DESC, id DESC);
CREATE INDEX audit_entry_actor ON audit_entry (actor, occurred_at DESC, id DESC);
