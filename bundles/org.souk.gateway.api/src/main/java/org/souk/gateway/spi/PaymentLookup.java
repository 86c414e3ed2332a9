package org.souk.gateway.spi;

import org.souk.common.api.Money;

/** A payment to look up at the gateway; {@code gatewayReference} is null if initiation never answered. */
public record PaymentLookup(String paymentId, String orderId, String gatewayReference, Money amount) {
}
