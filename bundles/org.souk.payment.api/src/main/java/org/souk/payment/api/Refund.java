package org.souk.payment.api;

import java.time.Instant;

import org.souk.common.api.Money;
import org.souk.common.api.Nullable;

/**
 * Money going back to a client, with the gateway's reference once it has one. While the gateway has not
 * given its final word the refund is asked again with backoff: {@code attempts} so far, the next one at
 * {@code nextAttemptAt}; {@code needsAttention} says an administrator should look (the tries ran out,
 * or the refund is MANUAL or FAILED).
 */
public record Refund(String id, String paymentId, String orderId, Money amount, RefundStatus status, @Nullable String reason,
        @Nullable String gatewayReference, @Nullable String message, @Nullable String requestedBy, Instant requestedAt, Instant updatedAt,
        int attempts, @Nullable Instant nextAttemptAt, boolean needsAttention) {
}
