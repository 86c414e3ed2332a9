package org.souk.order.api;

import java.time.Instant;

import org.souk.catalog.api.Tier;
import org.souk.common.api.Money;
import org.souk.common.api.Nullable;

/** An order as a history list shows it. */
public record OrderSummary(String id, String clientId, String freelancerId, String gigId, String gigTitle, Tier tier,
        Money total, OrderStatus status, @Nullable OrderStage stage, Instant placedAt, Instant updatedAt) {
}
