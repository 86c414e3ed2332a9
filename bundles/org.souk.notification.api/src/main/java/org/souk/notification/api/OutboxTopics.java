package org.souk.notification.api;

/**
 * Causes recorded in the {@link NotificationOutbox} that are no Event Admin topics of their own. The
 * properties of order and payment causes are those of {@code OrderTopics} and {@code PaymentTopics}.
 */
public final class OutboxTopics {

    /**
     * A refund reached the client: with {@link #REFUND_ID}, {@link #ORDER_ID}, {@link #CLIENT_ID},
     * {@link #AMOUNT} and optionally {@link #GIG_TITLE} and {@link #REASON}.
     */
    public static final String REFUNDED = "souk/payment/REFUNDED";
    /**
     * A freelancer's earnings of an order cleared: with {@link #CLEARANCE_ID}, {@link #ORDER_ID},
     * {@link #FREELANCER_ID} and {@link #AMOUNT}.
     */
    public static final String EARNINGS_AVAILABLE = "souk/ledger/EARNINGS_AVAILABLE";

    public static final String REFUND_ID = "refundId";
    public static final String CLEARANCE_ID = "clearanceId";
    public static final String ORDER_ID = "orderId";
    public static final String CLIENT_ID = "clientId";
    public static final String FREELANCER_ID = "freelancerId";
    public static final String GIG_TITLE = "gigTitle";
    /** An amount as text, "250.00 MAD". */
    public static final String AMOUNT = "amount";
    public static final String REASON = "reason";

    private OutboxTopics() {
    }
}
