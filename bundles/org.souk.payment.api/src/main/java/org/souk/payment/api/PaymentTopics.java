package org.souk.payment.api;

/** Event Admin topics the payment bundle posts after a payment settles. */
public final class PaymentTopics {

    public static final String SUCCEEDED = "souk/payment/SUCCEEDED";
    public static final String FAILED = "souk/payment/FAILED";

    public static final String PAYMENT_ID = "paymentId";
    public static final String ORDER_ID = "orderId";
    public static final String CLIENT_ID = "clientId";
    public static final String FREELANCER_ID = "freelancerId";
    public static final String AMOUNT = "amount";
    public static final String REASON = "reason";

    private PaymentTopics() {
    }
}
