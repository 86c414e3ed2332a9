package org.souk.payment.api;

import java.time.Instant;

import org.souk.common.api.Nullable;

/**
 * One attempt to pay an order: the method and provider the client chose, the gateway's reference for it,
 * how it ended and why. Attempts are numbered from 1; a payment has at most the configured number of
 * declined ones. {@code endedAt} is null while the attempt is under way. A DECLINED attempt has a
 * {@code declineCode} next to its human {@code failureReason}: a stable lower_snake_case code
 * ({@code insufficient_funds}, {@code card_declined}, {@code expired_card} …, {@code unknown} when the
 * gateway gave none) for a frontend to branch on; null for any other status.
 */
public record PaymentAttempt(int number, String method, String provider, boolean test, AttemptStatus status,
        @Nullable String gatewayReference, @Nullable String failureReason, @Nullable String declineCode, Instant startedAt, @Nullable Instant endedAt) {

    /** An attempt without a decline code, as before codes were kept. */
    public PaymentAttempt(int number, String method, String provider, boolean test, AttemptStatus status,
            String gatewayReference, String failureReason, Instant startedAt, Instant endedAt) {
        this(number, method, provider, test, status, gatewayReference, failureReason, null, startedAt, endedAt);
    }
}
