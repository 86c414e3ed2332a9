package org.souk.order.internal;

import java.util.EnumSet;
import java.util.Set;

import org.souk.common.api.ConflictException;
import org.souk.order.api.CancellationReason;
import org.souk.order.api.OrderProblems;
import org.souk.order.api.OrderStage;
import org.souk.order.api.OrderStatus;

/**
 * Which transitions an order may take from where it stands. Pure rules, no persistence: the service
 * applies the returned state and records it.
 */
final class OrderStateMachine {

    /** A status and, while PROCESSING, a stage. */
    record State(OrderStatus status, OrderStage stage) {
        static final State PENDING = new State(OrderStatus.PENDING, null);

        @Override
        public String toString() {
            return stage == null ? status.name() : status + "/" + stage;
        }
    }

    /** DECIDE_COMPLETE and RESUME are an administrator's decisions of a dispute. */
    enum Action { CONFIRM_PAYMENT, ACCEPT, DELIVER, REQUEST_REVISION, COMPLETE, CANCEL, DECIDE_COMPLETE, RESUME }

    /** Reasons that end an order before it is paid; the others end a paid order (and refund it). */
    static final Set<CancellationReason> BEFORE_PAYMENT = EnumSet.of(CancellationReason.PAYMENT_FAILED,
            CancellationReason.PAYMENT_EXPIRED, CancellationReason.CLIENT_WITHDREW, CancellationReason.POLICY_VIOLATION);
    static final Set<CancellationReason> AFTER_PAYMENT = EnumSet.of(CancellationReason.FREELANCER_DECLINED,
            CancellationReason.MUTUAL_AGREEMENT, CancellationReason.LATE_DELIVERY, CancellationReason.POLICY_VIOLATION,
            CancellationReason.DISPUTE_DECISION);

    private OrderStateMachine() {
    }

    static State next(State from, Action action) {
        return next(from, action, null, 0, 0);
    }

    /**
     * @throws ConflictException if the action is not allowed from this state
     */
    static State next(State from, Action action, CancellationReason reason, int revisionsUsed, int revisionsAllowed) {
        State to = switch (action) {
            case CONFIRM_PAYMENT -> from.status() == OrderStatus.PENDING
                    ? new State(OrderStatus.PROCESSING, OrderStage.AWAITING_ACCEPTANCE) : null;
            case ACCEPT -> from.stage() == OrderStage.AWAITING_ACCEPTANCE
                    ? new State(OrderStatus.PROCESSING, OrderStage.IN_PROGRESS) : null;
            case DELIVER -> from.stage() == OrderStage.IN_PROGRESS
                    ? new State(OrderStatus.PROCESSING, OrderStage.DELIVERED) : null;
            case REQUEST_REVISION -> {
                if (from.stage() == OrderStage.DELIVERED && revisionsUsed >= revisionsAllowed) {
                    throw ConflictException.typed(OrderProblems.REVISIONS_EXHAUSTED,
                            "The package's " + revisionsAllowed + " revision(s) are used up");
                }
                yield from.stage() == OrderStage.DELIVERED ? new State(OrderStatus.PROCESSING, OrderStage.IN_PROGRESS) : null;
            }
            case COMPLETE -> from.stage() == OrderStage.DELIVERED ? new State(OrderStatus.COMPLETED, null) : null;
            case CANCEL -> cancel(from, reason);
            // A dispute is opened once the work started; its decision completes it, or sends it back to work.
            case DECIDE_COMPLETE -> worked(from) ? new State(OrderStatus.COMPLETED, null) : null;
            case RESUME -> worked(from) ? new State(OrderStatus.PROCESSING, OrderStage.IN_PROGRESS) : null;
        };
        if (to == null) {
            throw ConflictException.typed(OrderProblems.WRONG_STATE,
                    "An order that is " + from + " cannot " + describe(action, reason));
        }
        return to;
    }

    private static boolean worked(State from) {
        return from.stage() == OrderStage.IN_PROGRESS || from.stage() == OrderStage.DELIVERED;
    }

    private static State cancel(State from, CancellationReason reason) {
        if (reason == null) {
            throw new IllegalArgumentException("a cancellation needs a reason");
        }
        boolean allowed = switch (from.status()) {
            case PENDING -> BEFORE_PAYMENT.contains(reason);
            case PROCESSING -> AFTER_PAYMENT.contains(reason)
                    && (reason != CancellationReason.FREELANCER_DECLINED || from.stage() == OrderStage.AWAITING_ACCEPTANCE);
            case COMPLETED, CANCELLED -> false;
        };
        return allowed ? new State(OrderStatus.CANCELLED, null) : null;
    }

    private static String describe(Action action, CancellationReason reason) {
        return switch (action) {
            case CONFIRM_PAYMENT -> "be confirmed as paid";
            case ACCEPT -> "be accepted";
            case DELIVER -> "be delivered";
            case REQUEST_REVISION -> "get a revision request";
            case COMPLETE -> "be completed";
            case CANCEL -> "be cancelled for " + reason;
            case DECIDE_COMPLETE -> "be completed by a decision";
            case RESUME -> "go back to work";
        };
    }
}
