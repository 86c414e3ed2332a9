package org.souk.notification.api;

/** Event Admin topics the notification bundle posts. */
public final class NotificationTopics {

    /**
     * A notification was delivered on a channel (posted after the delivery is recorded): with
     * {@link #NOTIFICATION_ID}, {@link #RECIPIENT_ID}, {@link #TYPE} (the stable id), {@link #CHANNEL} and,
     * when it is about an order, {@link #ORDER_ID}.
     */
    public static final String DELIVERED = "souk/notification/DELIVERED";

    public static final String NOTIFICATION_ID = "notificationId";
    public static final String RECIPIENT_ID = "recipientId";
    public static final String TYPE = "type";
    public static final String CHANNEL = "channel";
    public static final String ORDER_ID = "orderId";

    private NotificationTopics() {
    }
}
