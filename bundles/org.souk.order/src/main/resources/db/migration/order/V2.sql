-- Deadlines are rows, not threads: each fires once, whichever node claims it first, and survives restarts.
CREATE TABLE order_timer (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    order_id VARCHAR(36) NOT NULL,
    kind VARCHAR(32) NOT NULL,
    state VARCHAR(16) NOT NULL,
    due_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    ended_at TIMESTAMP,
    version BIGINT NOT NULL
);
CREATE INDEX order_timer_due ON order_timer (state, due_at);
CREATE INDEX order_timer_order ON order_timer (order_id, state);
