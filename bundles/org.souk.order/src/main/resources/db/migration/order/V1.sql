-- Orders with the snapshot of the package they were bought from, and their timeline.
CREATE TABLE orders (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    client_id VARCHAR(128) NOT NULL,
    freelancer_id VARCHAR(128) NOT NULL,
    gig_id VARCHAR(36) NOT NULL,
    gig_title VARCHAR(120) NOT NULL,
    tier VARCHAR(16) NOT NULL,
    package_title VARCHAR(120) NOT NULL,
    package_description VARCHAR(2000) NOT NULL,
    price_minor BIGINT NOT NULL,
    currency CHAR(3) NOT NULL,
    delivery_days INTEGER NOT NULL,
    revisions INTEGER NOT NULL,
    deliverables VARCHAR(4000) NOT NULL,
    requirements VARCHAR(4000) NOT NULL,
    status VARCHAR(16) NOT NULL,
    stage VARCHAR(24),
    cancellation_reason VARCHAR(32),
    revisions_used INTEGER NOT NULL,
    placed_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    accepted_at TIMESTAMP,
    due_at TIMESTAMP,
    last_event INTEGER NOT NULL,
    version BIGINT NOT NULL
);
CREATE INDEX orders_client ON orders (client_id, placed_at);
CREATE INDEX orders_freelancer ON orders (freelancer_id, placed_at);
CREATE INDEX orders_status ON orders (status, placed_at);
CREATE TABLE order_event (
    id VARCHAR(48) NOT NULL PRIMARY KEY,
    order_id VARCHAR(36) NOT NULL REFERENCES orders (id),
    sequence_no INTEGER NOT NULL,
    from_status VARCHAR(16),
    from_stage VARCHAR(24),
    to_status VARCHAR(16) NOT NULL,
    to_stage VARCHAR(24),
    occurred_at TIMESTAMP NOT NULL,
    actor VARCHAR(128) NOT NULL,
    reason VARCHAR(1000),
    CONSTRAINT order_event_sequence UNIQUE (order_id, sequence_no)
);
