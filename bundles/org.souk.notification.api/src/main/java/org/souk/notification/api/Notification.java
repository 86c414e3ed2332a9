package org.souk.notification.api;

import java.time.Instant;

/** One notification in a user's inbox, about an order. */
public record Notification(String id, String recipientId, NotificationType type, String orderId, String title,
        String body, Instant createdAt, Instant readAt) {
}
