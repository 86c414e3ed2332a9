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

    /**
     * A user asked for a new email address, which waits for its confirmation: with {@link #CHANGE_ID},
     * {@link #USER_ID}, {@link #NEW_EMAIL}, {@link #NEW_EMAIL_MASKED}, {@link #TOKEN} (the single-use token of
     * the confirmation link, known nowhere else in clear), {@link #EXPIRES_AT} and, when the user had one,
     * {@link #OLD_EMAIL}. The link goes to the new address and a notice to the old one, by email only.
     */
    public static final String EMAIL_CHANGE_REQUESTED = "souk/auth/EMAIL_CHANGE_REQUESTED";

    public static final String REFUND_ID = "refundId";
    public static final String CLEARANCE_ID = "clearanceId";
    public static final String ORDER_ID = "orderId";
    public static final String CLIENT_ID = "clientId";
    public static final String FREELANCER_ID = "freelancerId";
    public static final String GIG_TITLE = "gigTitle";
    /** An amount as text, "250.00 MAD". */
    public static final String AMOUNT = "amount";
    public static final String REASON = "reason";
    public static final String CHANGE_ID = "changeId";
    public static final String USER_ID = "userId";
    public static final String NEW_EMAIL = "newEmail";
    /** The new address as the notice to the old one shows it: {@code n***@example.com}. */
    public static final String NEW_EMAIL_MASKED = "newEmailMasked";
    public static final String OLD_EMAIL = "oldEmail";
    public static final String TOKEN = "token";
    /** An instant in ISO-8601, {@code 2026-03-02T10:00:00Z}. */
    public static final String EXPIRES_AT = "expiresAt";

    private OutboxTopics() {
    }
}
