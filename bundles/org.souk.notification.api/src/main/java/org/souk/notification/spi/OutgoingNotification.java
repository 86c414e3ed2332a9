package org.souk.notification.spi;

import java.time.Instant;
import java.util.Map;

/**
 * What to tell: one notification to one recipient, the same on every channel.
 *
 * @param id stable for this cause and recipient, the same on every channel and every attempt
 * @param type the type's stable id ({@code new_order}, {@code refund} …)
 * @param orderId the order it is about, or null
 * @param title a short English title
 * @param body an English sentence or two
 * @param data the facts behind it, for templates in other languages: the cause's properties
 *        ({@code gigTitle}, {@code amount}, {@code reason}, {@code dueAt} …) as text
 * @param createdAt when its cause was recorded
 */
public record OutgoingNotification(String id, String type, String orderId, String title, String body,
        Map<String, String> data, Instant createdAt) {

    public OutgoingNotification {
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
