package org.souk.notification.internal;

import java.util.Map;

import org.souk.notification.api.NotificationType;

/**
 * A notification to send; {@code dedupKey} identifies the cause and recipient it comes from. {@code data} adds
 * values of this recipient's own to the cause's properties that channels receive (a value of the same name
 * replaces the cause's).
 */
record Draft(String recipientId, NotificationType type, String orderId, String title, String body, String dedupKey,
        Map<String, String> data) {

    /**
     * A {@code data} value that pins the notification to this email address instead of the recipient's current
     * one: it then goes by email only (a change of address is confirmed from the new address and told to the old
     * one, and neither belongs in the in-app inbox that whoever holds the session reads).
     */
    static final String ADDRESS = "deliverTo";

    Draft {
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    Draft(String recipientId, NotificationType type, String orderId, String title, String body, String dedupKey) {
        this(recipientId, type, orderId, title, body, dedupKey, Map.of());
    }
}
