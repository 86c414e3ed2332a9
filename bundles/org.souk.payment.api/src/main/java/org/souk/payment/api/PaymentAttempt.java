package org.souk.payment.api;

import java.time.Instant;

/**
 * One attempt to pay an order: the method and provider the client chose, the gateway's reference for it,
 * how it ended and why. Attempts are numbered from 1; a payment has at most the configured number of
 * declined ones. {@code endedAt} is null while the attempt is under way.
 */
public record PaymentAttempt(int number, String method, String provider, boolean test, AttemptStatus status,
        String gatewayReference, String failureReason, Instant startedAt, Instant endedAt) {
}
