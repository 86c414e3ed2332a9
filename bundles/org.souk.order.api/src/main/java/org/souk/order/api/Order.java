package org.souk.order.api;

import java.time.Instant;
import java.util.List;

import org.souk.catalog.api.GigPackage;
import org.souk.common.api.Money;

/**
 * An order of one gig package. The package is a snapshot taken when the order was placed: later edits
 * of the gig never change it. The total is the package price.
 */
public record Order(String id, String clientId, String freelancerId, String gigId, String gigTitle,
        GigPackage pkg, String requirements, Money total, OrderStatus status, OrderStage stage,
        CancellationReason cancellationReason, int revisionsUsed, Instant placedAt, Instant updatedAt,
        Instant dueAt, List<OrderEvent> timeline) {

    public Order {
        timeline = List.copyOf(timeline);
    }

    public boolean isParticipant(String userId) {
        return clientId.equals(userId) || freelancerId.equals(userId);
    }
}
