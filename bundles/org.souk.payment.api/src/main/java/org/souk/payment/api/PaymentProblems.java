package org.souk.payment.api;

/**
 * Problem types of the payment refusals that say more than {@code conflict} (HTTP 409), and of a declined
 * payment attempt (HTTP 402).
 */
public final class PaymentProblems {

    /** The order is not PENDING (paid, under way, completed or cancelled): only a PENDING order is paid. */
    public static final String ORDER_NOT_PENDING = "order-not-pending";
    /** An attempt to pay the order is still under way at the gateway: pay again once it is declined. */
    public static final String ATTEMPT_IN_PROGRESS = "attempt-in-progress";
    /** The payment has had all its attempts declined; no more are allowed. */
    public static final String NO_ATTEMPTS_LEFT = "no-attempts-left";

    /**
     * The gateway declined the attempt this call made (HTTP 402): the problem carries the attempt's
     * {@code declineCode} and the payment, which stays PENDING for another attempt while attempts are left.
     */
    public static final String PAYMENT_DECLINED = "payment-declined";

    private PaymentProblems() {
    }
}
