package org.souk.order.internal;

import java.util.EnumSet;
import java.util.Set;

import org.souk.order.api.OrderAction;
import org.souk.order.api.OrderStatus;
import org.souk.order.internal.OrderStateMachine.State;

/**
 * What a caller may do to an order right now, from the same rules the state machine and the service's
 * authorisation apply. Pure, so that the list a frontend shows and what the API accepts cannot drift apart
 * unnoticed: the tests hold them together.
 */
final class AllowedActions {

    /** How the caller stands to the order. */
    enum Party { CLIENT, FREELANCER, ADMIN, OTHER }

    private AllowedActions() {
    }

    static Set<OrderAction> of(State state, Party party, int revisionsUsed, int revisionsAllowed) {
        return of(state, party, revisionsUsed, revisionsAllowed, false);
    }

    /** @param lateCancellable whether the work is undelivered past its due date and the late grace */
    static Set<OrderAction> of(State state, Party party, int revisionsUsed, int revisionsAllowed, boolean lateCancellable) {
        Set<OrderAction> actions = EnumSet.noneOf(OrderAction.class);
        if (party == Party.ADMIN && state.status() != OrderStatus.COMPLETED && state.status() != OrderStatus.CANCELLED) {
            actions.add(OrderAction.CANCEL);
        }
        if (state.status() == OrderStatus.PENDING) {
            if (party == Party.CLIENT) {
                actions.add(OrderAction.PAY);
                actions.add(OrderAction.WITHDRAW);
            }
            return actions;
        }
        if (state.stage() == null) {
            return actions;
        }
        switch (state.stage()) {
            case AWAITING_ACCEPTANCE -> {
                if (party == Party.FREELANCER) {
                    actions.add(OrderAction.ACCEPT);
                    actions.add(OrderAction.DECLINE);
                }
            }
            case IN_PROGRESS -> {
                if (party == Party.FREELANCER) {
                    actions.add(OrderAction.DELIVER);
                }
                if (party == Party.CLIENT && lateCancellable) {
                    actions.add(OrderAction.CANCEL_LATE);
                }
            }
            case DELIVERED -> {
                if (party == Party.CLIENT) {
                    actions.add(OrderAction.COMPLETE);
                    if (revisionsUsed < revisionsAllowed) {
                        actions.add(OrderAction.REQUEST_REVISION);
                    }
                }
            }
        }
        return actions;
    }
}
