package org.souk.gateway.spi;

import org.souk.common.api.Money;

/**
 * A refund of all or part of a settled payment. {@code amount} is in the order's currency; {@code charged},
 * when the gateway charged another currency, is the amount to give back in that currency, computed from
 * what was recorded at payment time (never from today's rate).
 */
public record RefundRequest(String refundId, String paymentId, String gatewayReference, Money amount, String reason,
        String idempotencyKey, Money charged) {

    public RefundRequest(String refundId, String paymentId, String gatewayReference, Money amount, String reason,
            String idempotencyKey) {
        this(refundId, paymentId, gatewayReference, amount, reason, idempotencyKey, null);
    }
}
