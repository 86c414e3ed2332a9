package org.souk.order.internal;

import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.Money;
import org.souk.common.api.ValidationException;
import org.souk.order.api.OrderProblems;
import org.souk.order.api.RequestKind;

/** Refusals several desks share: who may act on an order, and what a refund may be. */
final class OrderChecks {

    private OrderChecks() {
    }

    static void requireNotDisputed(OrderEntity order) {
        if (order.disputed()) {
            throw ConflictException.typed(OrderProblems.DISPUTED, "Order " + order.id() + " is disputed: nothing "
                    + "moves until an administrator decides (dispute " + order.openDispute() + ")");
        }
    }

    static void requireParty(Caller caller, OrderEntity order, String message) {
        if (!order.isParticipant(caller.userId())) {
            throw ForbiddenException.typed(OrderProblems.NOT_YOUR_TURN, message);
        }
    }

    static void checkRefund(Money refund, Money total) {
        if (!refund.currency().equals(total.currency())) {
            throw new ValidationException("refund.currency", "must be the order's currency, " + total.currency());
        }
        if (refund.minor() > total.minor()) {
            throw new ValidationException("refund.amount", "must be at most the order total, " + total.toDecimalString()
                    + " " + total.currency());
        }
    }

    static void requireKind(RequestKind kind) {
        if (kind == null) {
            throw new ValidationException("kind", "is required: CANCELLATION or EXTENSION");
        }
    }
}
