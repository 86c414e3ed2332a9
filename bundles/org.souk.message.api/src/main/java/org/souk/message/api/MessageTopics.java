package org.souk.message.api;

/** The Event Admin topic of a message sent, posted once it is stored. */
public final class MessageTopics {

    /** Properties: {@code orderId}, {@code messageId}, {@code authorId}, {@code recipientId}. */
    public static final String SENT = "souk/order/MESSAGE";

    private MessageTopics() {
    }
}
