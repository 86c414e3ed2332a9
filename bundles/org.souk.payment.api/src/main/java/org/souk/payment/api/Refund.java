package org.souk.payment.api;

import java.time.Instant;

import org.souk.common.api.Money;

/** Money going back to a client, with the gateway's reference once it has one. */
public record Refund(String id, String paymentId, String orderId, Money amount, RefundStatus status, String reason,
        String gatewayReference, String message, String requestedBy, Instant requestedAt, Instant updatedAt) {
}
