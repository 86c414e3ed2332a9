package org.souk.order.api;

import java.time.Instant;

/** A deadline still to come: which order, what happens then, and when. */
public record Deadline(String orderId, DeadlineKind kind, Instant dueAt) {
}
