package org.souk.gateway.spi;

import org.souk.common.api.Money;

/** A refund of all or part of a settled payment. */
public record RefundRequest(String refundId, String paymentId, String gatewayReference, Money amount, String reason,
        String idempotencyKey) {
}
