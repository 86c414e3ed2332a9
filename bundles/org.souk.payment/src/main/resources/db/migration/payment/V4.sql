-- Payments through a simulator (the sandbox) are marked: no real money moved.
ALTER TABLE payment ADD COLUMN test_mode BOOLEAN DEFAULT FALSE NOT NULL;
-- Refunds the gateway has not settled are asked again with backoff; after enough tries an administrator
-- is told. A refund may return a charge other than the payment's own (a success after the payment failed).
ALTER TABLE payment_refund ADD COLUMN attempts INT DEFAULT 0 NOT NULL;
ALTER TABLE payment_refund ADD COLUMN next_attempt_at TIMESTAMP;
ALTER TABLE payment_refund ADD COLUMN last_attempt_at TIMESTAMP;
ALTER TABLE payment_refund ADD COLUMN attention BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE payment_refund ADD COLUMN charge_reference VARCHAR(128);
UPDATE payment_refund SET next_attempt_at = updated_at WHERE status IN ('REQUESTED', 'PENDING');
UPDATE payment_refund SET attention = TRUE WHERE status IN ('MANUAL', 'FAILED');
CREATE INDEX payment_refund_due ON payment_refund (status, next_attempt_at);
