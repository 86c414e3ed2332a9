package org.souk.payment.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.souk.common.api.Money;
import org.souk.common.api.Nullable;

/**
 * The payment of one order. Its amount always equals the order total. {@code transactionId} is the
 * gateway's transaction id once the gateway has answered; {@code nextAction} says what the customer
 * still has to do while it is pending. When the gateway charges in another currency, {@code charged} is
 * what it charges and {@code exchangeRate} the rate applied to the amount (both null otherwise).
 * {@code test} marks a payment through a simulator such as the sandbox: no real money moved.
 *
 * <p>A declined attempt leaves the payment PENDING with no next action and the decline in
 * {@code failureReason} and its code in {@code declineCode} (see {@link PaymentAttempt}): the client may pay again, a new attempt whose method, provider and reference
 * replace the payment's. {@code attempts} lists them all, the first first.
 */
public record Payment(String id, String orderId, String clientId, PaymentStatus status, Money amount, @Nullable String method,
        @Nullable String provider, boolean test, @Nullable String transactionId, @Nullable String failureReason, @Nullable String declineCode, @Nullable PaymentNextAction nextAction, Instant initiatedAt,
        Instant updatedAt, @Nullable Money charged, @Nullable BigDecimal exchangeRate, List<PaymentTransaction> transactions,
        List<PaymentAttempt> attempts) {

    public Payment {
        transactions = List.copyOf(transactions);
        attempts = List.copyOf(attempts);
    }

    /** A payment without a decline code, as before codes were kept. */
    public Payment(String id, String orderId, String clientId, PaymentStatus status, Money amount, String method,
            String provider, boolean test, String transactionId, String failureReason, PaymentNextAction nextAction,
            Instant initiatedAt, Instant updatedAt, Money charged, BigDecimal exchangeRate,
            List<PaymentTransaction> transactions, List<PaymentAttempt> attempts) {
        this(id, orderId, clientId, status, amount, method, provider, test, transactionId, failureReason, null,
                nextAction, initiatedAt, updatedAt, charged, exchangeRate, transactions, attempts);
    }
}
