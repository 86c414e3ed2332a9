package org.souk.order.api;

import java.time.Instant;

import org.souk.common.api.Nullable;

/** One transition in an order's timeline: from where to where, when, by whom and why. */
public record OrderEvent(int sequence, @Nullable OrderStatus fromStatus, @Nullable OrderStage fromStage, OrderStatus toStatus,
        @Nullable OrderStage toStage, Instant at, @Nullable String actor, @Nullable String reason) {
}
