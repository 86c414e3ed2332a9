package org.souk.message.api;

/**
 * The Event Admin topic of a message sent, posted once it is stored; the same topic and properties are
 * recorded in the notification outbox in the transaction that stores the message.
 */
public final class MessageTopics {

    /**
     * Properties: {@link #ORDER_ID}, {@link #MESSAGE_ID}, {@link #AUTHOR_ID}, {@link #RECIPIENT_ID},
     * {@link #GIG_TITLE} and {@link #EXCERPT}.
     */
    public static final String SENT = "souk/order/MESSAGE";

    public static final String ORDER_ID = "orderId";
    public static final String MESSAGE_ID = "messageId";
    public static final String AUTHOR_ID = "authorId";
    /** The other side of the order, who is told. */
    public static final String RECIPIENT_ID = "recipientId";
    /** The title of the order's gig. */
    public static final String GIG_TITLE = "gigTitle";
    /** The start of the text, at most {@link #EXCERPT_LENGTH} characters (an ellipsis ends it when cut). */
    public static final String EXCERPT = "excerpt";
    public static final int EXCERPT_LENGTH = 140;

    private MessageTopics() {
    }
}
