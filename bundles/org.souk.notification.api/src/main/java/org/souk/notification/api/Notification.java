package org.souk.notification.api;

import java.time.Instant;

import org.souk.common.api.Nullable;

/** One notification in a user's inbox, about an order. */
public record Notification(String id, String recipientId, NotificationType type, @Nullable String orderId, String title,
        String body, Instant createdAt, @Nullable Instant readAt) {
}
