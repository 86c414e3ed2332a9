-- Refunds of cancelled paid orders; MANUAL ones wait for an administrator.
CREATE TABLE payment_refund (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    payment_id VARCHAR(36) NOT NULL REFERENCES payment (id),
    order_id VARCHAR(36) NOT NULL,
    amount_minor BIGINT NOT NULL,
    currency CHAR(3) NOT NULL,
    status VARCHAR(16) NOT NULL,
    reason VARCHAR(500) NOT NULL,
    gateway_reference VARCHAR(128),
    message VARCHAR(500),
    requested_by VARCHAR(128) NOT NULL,
    requested_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL
);
CREATE INDEX payment_refund_order ON payment_refund (order_id);
CREATE INDEX payment_refund_status ON payment_refund (status, requested_at);
