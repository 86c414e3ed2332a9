-- A payment has attempts: a declined one leaves the payment PENDING and the client pays again, each attempt
-- a charge of its own at the gateway. An attempt's id is its key at the gateway: the payment's id for the
-- first, '<payment id>-<n>' for the n-th. The payment's method, provider and reference are its latest
-- attempt's (or the paying attempt's).
ALTER TABLE payment ADD COLUMN attempt_number INT DEFAULT 1 NOT NULL;
CREATE TABLE payment_attempt (
    id VARCHAR(48) NOT NULL PRIMARY KEY,
    payment_id VARCHAR(36) NOT NULL REFERENCES payment (id),
    attempt_number INT NOT NULL,
    method VARCHAR(64) NOT NULL,
    provider VARCHAR(64) NOT NULL,
    test_mode BOOLEAN DEFAULT FALSE NOT NULL,
    status VARCHAR(16) NOT NULL,
    gateway_reference VARCHAR(128),
    failure_reason VARCHAR(500),
    started_at TIMESTAMP NOT NULL,
    ended_at TIMESTAMP,
    version BIGINT NOT NULL,
    CONSTRAINT payment_attempt_number UNIQUE (payment_id, attempt_number)
);
CREATE INDEX payment_attempt_reference ON payment_attempt (provider, gateway_reference);
-- Every payment made before had one attempt, which ended as the payment did.
INSERT INTO payment_attempt (id, payment_id, attempt_number, method, provider, test_mode, status, gateway_reference,
    failure_reason, started_at, ended_at, version)
SELECT id, id, 1, method, provider, test_mode,
    CASE WHEN status = 'SUCCESS' THEN 'SUCCEEDED' WHEN status = 'FAILED' THEN 'FAILED' ELSE 'PENDING' END,
    gateway_reference, failure_reason, initiated_at,
    CASE WHEN status = 'PENDING' THEN NULL ELSE updated_at END, 0
FROM payment;
