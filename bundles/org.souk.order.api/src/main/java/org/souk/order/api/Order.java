package org.souk.order.api;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.souk.catalog.api.GigPackage;
import org.souk.common.api.Money;
import org.souk.common.api.Nullable;

/**
 * An order of one gig package. The package is a snapshot taken when the order was placed: later edits
 * of the gig never change it. The total is the package price. {@code allowedActions} is what the caller
 * it was read for may do to it right now; {@code deadlines} when each pending deadline moves it by itself;
 * {@code openRequests} the cancellation or extension requests waiting for an answer.
 */
public record Order(String id, String clientId, String freelancerId, String gigId, String gigTitle,
        GigPackage pkg, @Nullable String requirements, Money total, OrderStatus status, @Nullable OrderStage stage,
        @Nullable CancellationReason cancellationReason, int revisionsUsed, Instant placedAt, Instant updatedAt,
        @Nullable Instant dueAt, List<OrderEvent> timeline, Set<OrderAction> allowedActions, Map<DeadlineKind, Instant> deadlines,
        List<OrderRequest> openRequests) {

    public Order {
        timeline = List.copyOf(timeline);
        openRequests = openRequests == null ? List.of() : List.copyOf(openRequests);
        allowedActions = allowedActions.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(allowedActions));
        EnumMap<DeadlineKind, Instant> byKind = new EnumMap<>(DeadlineKind.class);
        byKind.putAll(deadlines);
        deadlines = Collections.unmodifiableMap(byKind);
    }

    /** The same order with actions another service decides added (a review, say). */
    public Order withMoreActions(Set<OrderAction> more) {
        if (more.isEmpty()) {
            return this;
        }
        Set<OrderAction> all = EnumSet.noneOf(OrderAction.class);
        all.addAll(allowedActions);
        all.addAll(more);
        return new Order(id, clientId, freelancerId, gigId, gigTitle, pkg, requirements, total, status, stage,
                cancellationReason, revisionsUsed, placedAt, updatedAt, dueAt, timeline, all, deadlines, openRequests);
    }

    public boolean isParticipant(String userId) {
        return clientId.equals(userId) || freelancerId.equals(userId);
    }
}
