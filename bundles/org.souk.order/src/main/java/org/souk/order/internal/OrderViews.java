package org.souk.order.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.souk.common.api.Caller;
import org.souk.common.api.NotFoundException;
import org.souk.order.api.DeadlineKind;
import org.souk.order.api.Order;
import org.souk.order.api.OrderProblems;
import org.souk.order.api.OrderRequest;
import org.souk.order.api.OrderStatus;
import org.souk.order.api.OrderSummary;
import org.souk.order.api.RequestKind;

/**
 * One order as a caller sees it: what the caller may do now ({@link AllowedActions}), the deadlines still
 * ahead and the open requests. Reads only.
 */
final class OrderViews {

    private final JpaTemplate jpa;
    private final Clock clock;
    private final Supplier<Deadlines.Windows> windows;
    private final Supplier<CancellationRules.Limits> limits;

    OrderViews(JpaTemplate jpa, Clock clock, Supplier<Deadlines.Windows> windows,
            Supplier<CancellationRules.Limits> limits) {
        this.jpa = jpa;
        this.clock = clock;
        this.windows = windows;
        this.limits = limits;
    }

    Order get(Caller caller, String orderId) {
        return OrderRows.conflictsTranslated(() -> jpa.txExpr(TransactionType.Supports,
                em -> view(em, caller, OrderRows.visible(em, caller, orderId))));
    }

    OrderSummary summary(Caller caller, String orderId) {
        return OrderRows.conflictsTranslated(() -> jpa.txExpr(TransactionType.Supports,
                em -> OrderRows.visible(em, caller, orderId).toSummary()));
    }

    OrderRequest latestRequest(Caller caller, String orderId, RequestKind kind) {
        OrderChecks.requireKind(kind);
        return OrderRows.conflictsTranslated(() -> jpa.txExpr(TransactionType.Supports, em -> {
            OrderRows.visible(em, caller, orderId);
            return em.createQuery("SELECT r FROM OrderRequestEntity r WHERE r.orderId = :order AND r.kind = :kind "
                    + "ORDER BY r.requestedAt DESC, r.id DESC", OrderRequestEntity.class).setParameter("order", orderId)
                    .setParameter("kind", kind).setMaxResults(1).getResultList().stream().findFirst()
                    .map(OrderRequestEntity::toRequest).orElseThrow(() -> NotFoundException.typed(OrderProblems.NO_REQUEST,
                            "Order " + orderId + " has no " + kind.name().toLowerCase(Locale.ROOT) + " request"));
        }));
    }

    /** The order as the caller sees it, in the caller's transaction: what it may do now, and the deadlines still ahead. */
    Order view(EntityManager em, Caller caller, OrderEntity order) {
        return view(em, caller, order, OrderRows.Pending.of(em, order.id()));
    }

    /** The same, from what the caller's transaction already knows to be pending on the order. */
    Order view(EntityManager em, Caller caller, OrderEntity order, OrderRows.Pending pending) {
        AllowedActions.Party party = caller.isAdmin() ? AllowedActions.Party.ADMIN
                : caller.userId().equals(order.clientId()) ? AllowedActions.Party.CLIENT
                : caller.userId().equals(order.freelancerId()) ? AllowedActions.Party.FREELANCER
                : AllowedActions.Party.OTHER;
        Map<DeadlineKind, Instant> deadlines = new HashMap<>();
        for (OrderTimerEntity timer : pending.timers()) {
            deadlines.put(timer.kind(), timer.dueAt());
        }
        Instant now = clock.instant();
        boolean late = !order.disputed()
                && Deadlines.lateCancellable(order.state(), order.dueAt(), order.deliveredAt(), now, windows.get());
        List<OrderRequestEntity> open = pending.requests();
        boolean mayAsk = (party == AllowedActions.Party.CLIENT || party == AllowedActions.Party.FREELANCER)
                && order.state().status() == OrderStatus.PROCESSING
                && CancellationRules.mayAsk(OrderRows.earlierCancellations(em, order.id(), caller.userId()), now,
                        limits.get());
        AllowedActions.Situation situation = new AllowedActions.Situation(order.state(), order.revisionsUsed(),
                order.revisionsAllowed(), late, askedBy(order, open, RequestKind.CANCELLATION),
                askedBy(order, open, RequestKind.EXTENSION), order.disputed(), mayAsk);
        return order.toOrder(AllowedActions.of(situation, party), deadlines,
                open.stream().map(OrderRequestEntity::toRequest).toList());
    }

    private static AllowedActions.Party askedBy(OrderEntity order, List<OrderRequestEntity> open, RequestKind kind) {
        return open.stream().filter(r -> r.kind() == kind).findFirst()
                .map(r -> r.requestedBy().equals(order.clientId()) ? AllowedActions.Party.CLIENT : AllowedActions.Party.FREELANCER)
                .orElse(null);
    }
}
