-- Gateways that cannot charge the order's currency (PayPal takes no MAD) charge another one at a rate.
ALTER TABLE payment ADD COLUMN charged_minor BIGINT;
ALTER TABLE payment ADD COLUMN charged_currency CHAR(3);
ALTER TABLE payment ADD COLUMN exchange_rate DECIMAL(19, 8);
