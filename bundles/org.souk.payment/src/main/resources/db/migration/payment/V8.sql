-- An attempt failed by Souk while its charge was still unsettled at the gateway (its order was cancelled, its
-- payment window ended) is looked up again for a while, with growing waits: a success the gateway reports late
-- is a charge for nothing, refunded. recheck_at is the next look-up (NULL: none due), rechecks how many were made.
ALTER TABLE payment_attempt ADD COLUMN recheck_at TIMESTAMP;
ALTER TABLE payment_attempt ADD COLUMN rechecks INT DEFAULT 0 NOT NULL;
CREATE INDEX payment_attempt_recheck ON payment_attempt (recheck_at);
