package org.souk.order.internal;

import java.time.Instant;

import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.order.api.CancellationReason;
import org.souk.order.api.OrderProblems;
import org.souk.order.api.OrderStage;
import org.souk.order.internal.OrderStateMachine.Action;

/**
 * Who may move an order: pure rules, no persistence. {@link OrderStateMachine} decides where an action leads;
 * these decide whether this caller may take it now (the client cancels late work alone only once it is late).
 */
final class TransitionRules {

    private TransitionRules() {
    }

    /**
     * @throws ForbiddenException if the caller may not take this action on this order
     * @throws ConflictException if the order is disputed, or the client cancels for late delivery work that is not late
     */
    static void authorize(Caller caller, OrderEntity order, Action action, CancellationReason reason, Instant now,
            Deadlines.Windows windows) {
        if (order.disputed() && !caller.isAdmin() && action != Action.COMPLETE) {
            OrderChecks.requireNotDisputed(order); // a client may still accept the delivery, which ends the dispute
        }
        boolean late = Deadlines.lateCancellable(order.state(), order.dueAt(), order.deliveredAt(), now, windows);
        if (action == Action.CANCEL && reason == CancellationReason.LATE_DELIVERY && !caller.isAdmin()
                && caller.userId().equals(order.clientId()) && order.state().stage() == OrderStage.IN_PROGRESS && !late) {
            throw ConflictException.typed(OrderProblems.WINDOW_CLOSED, order.deliveredAt() != null
                    ? "The work was delivered on " + order.deliveredAt() + ": it is not late, whatever a revision asks "
                            + "since; if a revision is not done in time, open a dispute"
                    : "The client may cancel undelivered work alone from its due date plus the late grace"
                            + (order.dueAt() == null ? "" : ", " + order.dueAt().plus(windows.lateGrace())));
        }
        boolean allowed = switch (action) {
            case CONFIRM_PAYMENT -> caller.isAdmin();
            case CANCEL -> caller.isAdmin() || (reason == CancellationReason.CLIENT_WITHDREW && caller.userId().equals(order.clientId()))
                    || (reason == CancellationReason.LATE_DELIVERY && caller.userId().equals(order.clientId()) && late)
                    || (reason == CancellationReason.FREELANCER_DECLINED && caller.userId().equals(order.freelancerId()));
            case ACCEPT, DELIVER -> caller.userId().equals(order.freelancerId());
            case REQUEST_REVISION, COMPLETE -> caller.userId().equals(order.clientId());
            case DECIDE_COMPLETE, RESUME -> caller.isAdmin();
        };
        if (!allowed) {
            throw new ForbiddenException(switch (action) {
                case ACCEPT, DELIVER -> "Only the order's freelancer may do this";
                case REQUEST_REVISION, COMPLETE -> "Only the order's client may do this";
                case CANCEL -> "Only an administrator cancels for " + reason
                        + "; the client may withdraw before paying or cancel work undelivered past its due date and the "
                        + "late grace, the freelancer decline before accepting";
                default -> "Only the platform may do this";
            });
        }
    }
}
