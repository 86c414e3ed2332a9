package org.souk.payment.api;

/**
 * Event Admin topics the payment bundle posts after a payment settles, or after an attempt to pay is
 * declined while the client may still try again ({@link #DECLINED}, with {@link #ATTEMPT} and
 * {@link #ATTEMPTS_LEFT}).
 */
public final class PaymentTopics {

    public static final String SUCCEEDED = "souk/payment/SUCCEEDED";
    public static final String FAILED = "souk/payment/FAILED";
    public static final String DECLINED = "souk/payment/DECLINED";

    public static final String PAYMENT_ID = "paymentId";
    public static final String ORDER_ID = "orderId";
    public static final String CLIENT_ID = "clientId";
    public static final String FREELANCER_ID = "freelancerId";
    public static final String AMOUNT = "amount";
    public static final String REASON = "reason";
    /** The declined attempt's number (an Integer), from 1. */
    public static final String ATTEMPT = "attempt";
    /** How many more attempts the client may make (an Integer). */
    public static final String ATTEMPTS_LEFT = "attemptsLeft";

    private PaymentTopics() {
    }
}
