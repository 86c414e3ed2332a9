package org.souk.order.api;

import java.time.Instant;

/** One transition in an order's timeline: from where to where, when, by whom and why. */
public record OrderEvent(int sequence, OrderStatus fromStatus, OrderStage fromStage, OrderStatus toStatus,
        OrderStage toStage, Instant at, String actor, String reason) {
}
