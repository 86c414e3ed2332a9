-- Each attempt keeps what its own provider charged in another currency than the order's, so that a late
-- success of an earlier attempt is checked against, and refunded in, what that attempt charged. The payment's
-- conversion is the paying attempt's (or, while pending, the latest attempt's), which is where it came from.
ALTER TABLE payment_attempt ADD COLUMN charged_minor BIGINT;
ALTER TABLE payment_attempt ADD COLUMN charged_currency CHAR(3);
ALTER TABLE payment_attempt ADD COLUMN exchange_rate DECIMAL(19, 8);
UPDATE payment_attempt SET
    charged_minor = (SELECT p.charged_minor FROM payment p
        WHERE p.id = payment_attempt.payment_id AND p.attempt_number = payment_attempt.attempt_number),
    charged_currency = (SELECT p.charged_currency FROM payment p
        WHERE p.id = payment_attempt.payment_id AND p.attempt_number = payment_attempt.attempt_number),
    exchange_rate = (SELECT p.exchange_rate FROM payment p
        WHERE p.id = payment_attempt.payment_id AND p.attempt_number = payment_attempt.attempt_number);
-- The refund of another attempt's charge goes to that attempt's provider, in what it charged.
ALTER TABLE payment_refund ADD COLUMN provider VARCHAR(64);
ALTER TABLE payment_refund ADD COLUMN charged_minor BIGINT;
ALTER TABLE payment_refund ADD COLUMN charged_currency CHAR(3);
UPDATE payment_refund SET
    provider = (SELECT MAX(a.provider) FROM payment_attempt a
        WHERE a.payment_id = payment_refund.payment_id AND a.gateway_reference = payment_refund.charge_reference),
    charged_minor = (SELECT MAX(a.charged_minor) FROM payment_attempt a
        WHERE a.payment_id = payment_refund.payment_id AND a.gateway_reference = payment_refund.charge_reference),
    charged_currency = (SELECT MAX(a.charged_currency) FROM payment_attempt a
        WHERE a.payment_id = payment_refund.payment_id AND a.gateway_reference = payment_refund.charge_reference)
WHERE charge_reference IS NOT NULL;
