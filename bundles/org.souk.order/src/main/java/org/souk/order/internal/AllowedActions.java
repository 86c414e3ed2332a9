package org.souk.order.internal;

import java.util.EnumSet;
import java.util.Set;

import org.souk.order.api.OrderAction;
import org.souk.order.api.OrderStage;
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

    /**
     * Where the order stands, beyond its state: revisions, whether the client may cancel late work alone,
     * and who made the open cancellation and extension requests (null when none is open).
     */
    record Situation(State state, int revisionsUsed, int revisionsAllowed, boolean lateCancellable,
            Party cancellationAskedBy, Party extensionAskedBy, boolean disputed, boolean mayAskCancellation) {

        Situation(State state, int revisionsUsed, int revisionsAllowed, boolean lateCancellable,
                Party cancellationAskedBy, Party extensionAskedBy) {
            this(state, revisionsUsed, revisionsAllowed, lateCancellable, cancellationAskedBy, extensionAskedBy, false,
                    true);
        }
    }

    private AllowedActions() {
    }

    static Set<OrderAction> of(State state, Party party, int revisionsUsed, int revisionsAllowed) {
        return of(state, party, revisionsUsed, revisionsAllowed, false);
    }

    /** @param lateCancellable whether the work is undelivered past its due date and the late grace */
    static Set<OrderAction> of(State state, Party party, int revisionsUsed, int revisionsAllowed, boolean lateCancellable) {
        return of(new Situation(state, revisionsUsed, revisionsAllowed, lateCancellable, null, null), party);
    }

    static Set<OrderAction> of(Situation order, Party party) {
        State state = order.state();
        Set<OrderAction> actions = EnumSet.noneOf(OrderAction.class);
        if (party == Party.ADMIN && !state.status().isFinal()) {
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
        if (order.disputed()) {
            // Nothing moves while an administrator decides, but the client may still accept a delivery.
            if (party == Party.CLIENT && state.stage() == OrderStage.DELIVERED) {
                actions.add(OrderAction.COMPLETE);
            }
            return actions;
        }
        if ((party == Party.CLIENT || party == Party.FREELANCER) && state.stage() != OrderStage.AWAITING_ACCEPTANCE) {
            actions.add(OrderAction.OPEN_DISPUTE);
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
                if (party == Party.CLIENT && order.lateCancellable()) {
                    actions.add(OrderAction.CANCEL_LATE);
                }
            }
            case DELIVERED -> {
                if (party == Party.CLIENT) {
                    actions.add(OrderAction.COMPLETE);
                    if (order.revisionsUsed() < order.revisionsAllowed()) {
                        actions.add(OrderAction.REQUEST_REVISION);
                    }
                }
            }
        }
        requests(order, party, actions);
        return actions;
    }

    /** The requests of a paid order: either side may ask to cancel, the freelancer for more days while working. */
    private static void requests(Situation order, Party party, Set<OrderAction> actions) {
        if (party != Party.CLIENT && party != Party.FREELANCER) {
            return;
        }
        if (order.cancellationAskedBy() == null) {
            if (order.mayAskCancellation()) {
                actions.add(OrderAction.REQUEST_CANCELLATION);
            }
        } else if (order.cancellationAskedBy() == party) {
            actions.add(OrderAction.WITHDRAW_CANCELLATION_REQUEST);
        } else {
            actions.add(OrderAction.ANSWER_CANCELLATION);
        }
        if (order.state().stage() != OrderStage.IN_PROGRESS) {
            return;
        }
        if (order.extensionAskedBy() == null) {
            if (party == Party.FREELANCER) {
                actions.add(OrderAction.REQUEST_EXTENSION);
            }
        } else if (party == Party.FREELANCER) {
            actions.add(OrderAction.WITHDRAW_EXTENSION_REQUEST);
        } else {
            actions.add(OrderAction.ANSWER_EXTENSION);
        }
    }
}
