package org.souk.payment.internal;

import org.souk.payment.api.AttemptStatus;
import org.souk.payment.api.PaymentProblems;
import org.souk.payment.api.PaymentStatus;

/**
 * How many declined attempts a payment may have, and when the client may pay again: a pure decision, so
 * that the rules are tested without a database. A decline before the last allowed attempt leaves the
 * payment pending, awaiting a new attempt; the last one fails it (and its order is cancelled).
 */
record AttemptPolicy(int maxAttempts) {

    static final AttemptPolicy DEFAULT = new AttemptPolicy(3);
    private static final String CONFLICT = "conflict";

    AttemptPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("payment.max.attempts must be at least 1, not " + maxAttempts);
        }
    }

    /** What a decline of attempt {@code number} does to its payment. */
    enum AfterDecline {
        /** The payment stays pending: the client may pay again. */
        AWAIT_NEW_ATTEMPT,
        /** That was the last attempt: the payment fails. */
        FAIL
    }

    AfterDecline afterDecline(int number) {
        return number >= maxAttempts ? AfterDecline.FAIL : AfterDecline.AWAIT_NEW_ATTEMPT;
    }

    /** How many more attempts the client may make once attempt {@code number} was declined. */
    int attemptsLeftAfter(int number) {
        return Math.max(0, maxAttempts - number);
    }

    /** Why the client may not pay again: the problem type (see {@link PaymentProblems}) and a message. */
    record Refusal(String problemType, String message) {
    }

    /**
     * Why the client may not pay again a payment in {@code status} whose latest attempt, number
     * {@code number}, is {@code current}; null if it may.
     */
    Refusal refusalToPayAgain(PaymentStatus status, AttemptStatus current, int number) {
        return switch (status) {
            case SUCCESS -> new Refusal(CONFLICT, "The order is paid already");
            case FAILED -> new Refusal(CONFLICT, "The order's payment failed; the order can no longer be paid");
            case PENDING -> switch (current) {
                case DECLINED -> number >= maxAttempts ? new Refusal(PaymentProblems.NO_ATTEMPTS_LEFT,
                        "The order's payment has had its " + maxAttempts + " attempts; no more are allowed") : null;
                case PENDING -> new Refusal(PaymentProblems.ATTEMPT_IN_PROGRESS, "An attempt to pay the order is still "
                        + "under way (attempt " + number + "); pay again only once it is declined");
                case SUCCEEDED, FAILED -> new Refusal(CONFLICT, "The order's payment is being settled; reload and retry");
            };
        };
    }
}
