-- Administrators find an order by the reference the gateway gave a charge or a refund, without knowing the
-- provider: one index lookup each (the (provider, gateway_reference) index needs the provider first).
CREATE INDEX payment_attempt_gateway_ref ON payment_attempt (gateway_reference);
CREATE INDEX payment_refund_gateway_ref ON payment_refund (gateway_reference);
