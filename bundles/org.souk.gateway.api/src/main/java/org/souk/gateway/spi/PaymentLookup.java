package org.souk.gateway.spi;

import org.souk.common.api.Money;

/**
 * A payment to look up at the gateway; {@code gatewayReference} is null if initiation never answered, and
 * {@code charged} is what the gateway was recorded to charge when that is another currency than the
 * order's (null otherwise).
 */
public record PaymentLookup(String paymentId, String orderId, String gatewayReference, Money amount, Money charged) {

    public PaymentLookup(String paymentId, String orderId, String gatewayReference, Money amount) {
        this(paymentId, orderId, gatewayReference, amount, null);
    }
}
