package org.souk.message.api;

import java.time.Instant;
import java.util.List;

/**
 * A message on an order. {@code authorRole} is {@code CLIENT} or {@code FREELANCER}: the part the author has
 * in this order.
 */
public record Message(String id, String orderId, String authorId, String authorRole, String body,
        List<Attachment> attachments, Instant sentAt) {

    public Message {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
