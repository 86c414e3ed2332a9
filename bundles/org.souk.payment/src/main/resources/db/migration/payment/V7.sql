-- A decline keeps the gateway's reason as a stable code next to the human one (insufficient_funds,
-- card_declined …), on its attempt and on the payment while that decline is the payment's last word.
-- Declines recorded before codes were kept read 'unknown'.
ALTER TABLE payment_attempt ADD COLUMN decline_code VARCHAR(64);
ALTER TABLE payment ADD COLUMN decline_code VARCHAR(64);
UPDATE payment_attempt SET decline_code = 'unknown' WHERE status = 'DECLINED';
UPDATE payment SET decline_code = 'unknown' WHERE failure_reason IS NOT NULL AND EXISTS (
    SELECT 1 FROM payment_attempt a WHERE a.payment_id = payment.id AND a.attempt_number = payment.attempt_number
        AND a.status = 'DECLINED' AND a.failure_reason = payment.failure_reason);
