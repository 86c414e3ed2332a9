package org.souk.notification.internal;

import org.souk.notification.api.NotificationType;

/** A notification to send; {@code dedupKey} identifies the cause and recipient it comes from. */
record Draft(String recipientId, NotificationType type, String orderId, String title, String body, String dedupKey) {
}
