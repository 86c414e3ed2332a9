package org.souk.payment.api;

import java.time.Instant;

import org.souk.common.api.Nullable;

/** One exchange with the gateway: what was asked, what it answered, with its reference id. */
public record PaymentTransaction(String id, TransactionKind kind, TransactionOutcome outcome, @Nullable String gatewayReference,
        @Nullable String message, Instant at) {
}
