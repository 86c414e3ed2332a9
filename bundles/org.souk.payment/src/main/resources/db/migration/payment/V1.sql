-- One payment per order, every exchange with the gateway, and the webhook events already applied.
CREATE TABLE payment (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    order_id VARCHAR(36) NOT NULL,
    client_id VARCHAR(128) NOT NULL,
    freelancer_id VARCHAR(128) NOT NULL,
    status VARCHAR(16) NOT NULL,
    amount_minor BIGINT NOT NULL,
    currency CHAR(3) NOT NULL,
    method VARCHAR(64) NOT NULL,
    provider VARCHAR(64) NOT NULL,
    gateway_reference VARCHAR(128),
    failure_reason VARCHAR(500),
    next_action_type VARCHAR(32),
    next_action_url VARCHAR(1000),
    next_action_data VARCHAR(4000),
    initiated_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL,
    CONSTRAINT payment_one_per_order UNIQUE (order_id)
);
CREATE INDEX payment_reference ON payment (provider, gateway_reference);
CREATE INDEX payment_status ON payment (status, updated_at);
CREATE TABLE payment_transaction (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    payment_id VARCHAR(36) NOT NULL REFERENCES payment (id),
    kind VARCHAR(16) NOT NULL,
    outcome VARCHAR(16) NOT NULL,
    gateway_reference VARCHAR(128),
    message VARCHAR(500),
    occurred_at TIMESTAMP NOT NULL
);
CREATE INDEX payment_transaction_payment ON payment_transaction (payment_id, occurred_at);
CREATE TABLE payment_webhook_event (
    id VARCHAR(300) NOT NULL PRIMARY KEY,
    provider VARCHAR(64) NOT NULL,
    event_id VARCHAR(200) NOT NULL,
    payment_id VARCHAR(36),
    received_at TIMESTAMP NOT NULL
);
