package org.souk.payment.api;

import java.time.Instant;

/** One exchange with the gateway: what was asked, what it answered, with its reference id. */
public record PaymentTransaction(String id, TransactionKind kind, TransactionOutcome outcome, String gatewayReference,
        String message, Instant at) {
}
