package org.souk.payment.api;

import java.time.Instant;

import org.souk.gateway.spi.ProviderStatus;

/** One exchange with the gateway: what was asked, what it answered, with its reference id. */
public record PaymentTransaction(String id, TransactionKind kind, ProviderStatus outcome, String gatewayReference,
        String message, Instant at) {
}
