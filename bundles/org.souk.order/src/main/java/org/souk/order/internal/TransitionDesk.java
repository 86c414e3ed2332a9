package org.souk.order.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.Caller;
import org.souk.common.api.ValidationException;
import org.souk.ledger.api.LedgerService;
import org.souk.order.api.CancellationReason;
import org.souk.order.api.DeadlineKind;
import org.souk.order.api.Order;
import org.souk.order.api.OrderStage;
import org.souk.order.api.RequestKind;
import org.souk.order.api.RequestStatus;
import org.souk.order.internal.OrderStateMachine.Action;
import org.souk.order.internal.OrderStateMachine.State;

/**
 * Moves orders along their stages: payment confirmed, accepted, delivered, sent back for a revision, completed,
 * cancelled. {@link TransitionRules} and {@link OrderStateMachine} decide; this desk applies the move in one
 * transaction, with its timeline row, its deadlines, the requests it ends and, on completion, the escrow's release.
 */
final class TransitionDesk {

    // Named after the service whose log line this has always been.
    private static final Logger LOG = LoggerFactory.getLogger(JpaOrderService.class);

    private final JpaTemplate jpa;
    private final LedgerService ledger;
    private final Clock clock;
    private final Supplier<Deadlines.Windows> windows;
    private final OrderAnnouncements announcements;
    private final OrderViews views;

    TransitionDesk(JpaTemplate jpa, LedgerService ledger, Clock clock, Supplier<Deadlines.Windows> windows,
            OrderAnnouncements announcements, OrderViews views) {
        this.jpa = jpa;
        this.ledger = ledger;
        this.clock = clock;
        this.windows = windows;
        this.announcements = announcements;
        this.views = views;
    }

    Order confirmPayment(String orderId, String paymentReference) {
        return transition(Caller.SYSTEM, orderId, Action.CONFIRM_PAYMENT, null, "payment " + paymentReference + " succeeded");
    }

    Order cancel(Caller caller, String orderId, CancellationReason reason, String note) {
        if (reason == null) {
            throw new ValidationException("reason", "is required");
        }
        OrderNotes.checkNote(note);
        return transition(caller, orderId, Action.CANCEL, reason, OrderNotes.cancellation(reason, note));
    }

    Order accept(Caller caller, String orderId) {
        return transition(caller, orderId, Action.ACCEPT, null, "accepted by the freelancer");
    }

    Order deliver(Caller caller, String orderId, String note) {
        OrderNotes.checkNote(note);
        return transition(caller, orderId, Action.DELIVER, null, note == null || note.isBlank() ? "delivered" : note);
    }

    Order requestRevision(Caller caller, String orderId, String note) {
        if (note == null || note.isBlank()) {
            throw new ValidationException("note", "say what should change");
        }
        OrderNotes.checkNote(note);
        return transition(caller, orderId, Action.REQUEST_REVISION, null, note);
    }

    Order complete(Caller caller, String orderId) {
        return transition(caller, orderId, Action.COMPLETE, null, "delivery accepted by the client");
    }

    /**
     * Applies one transition atomically. The version column makes a concurrent second transition of the
     * same order fail at flush, so exactly one of them is recorded.
     */
    private Order transition(Caller caller, String orderId, Action action, CancellationReason reason, String why) {
        if (why != null && why.length() > OrderNotes.MAX_REASON) {
            throw new ValidationException("note", "is too long: the timeline keeps " + OrderNotes.MAX_REASON + " characters");
        }
        return OrderRows.conflictsTranslated(() -> jpa.txExpr(TransactionType.Required, em -> {
            OrderEntity order = OrderRows.visible(em, caller, orderId);
            TransitionRules.authorize(caller, order, action, reason, clock.instant(), windows.get());
            Moved moved = move(em, order, caller.userId(), action, reason, why);
            return views.view(em, caller, moved.order(), moved.pending());
        }));
    }

    /** An order just moved, and what is still pending on it after the move. */
    record Moved(OrderEntity order, OrderRows.Pending pending) {
    }

    /** One transition inside the caller's transaction: state, timeline, deadlines and the event after commit. */
    Moved move(EntityManager em, OrderEntity order, String actor, Action action, CancellationReason reason,
            String why) {
        State to = OrderStateMachine.next(order.state(), action, reason, order.revisionsUsed(), order.revisionsAllowed());
        var now = clock.instant();
        switch (action) {
            case ACCEPT -> order.accepted(now);
            case DELIVER -> order.delivered(now);
            case REQUEST_REVISION -> order.revisionRequested();
            case CANCEL -> order.cancelledFor(reason);
            // The escrow is released in the completion's own transaction: both commit or neither does.
            case COMPLETE, DECIDE_COMPLETE -> {
                if (ledger.orderCompleted(order.id(), order.freelancerId()).isEmpty() && !order.total().isZero()) {
                    // Only an order paid before the ledger existed (or confirmed by hand without a payment) gets here.
                    LOG.warn("Order {} completed with nothing in its escrow: no earnings were released for it", order.id());
                }
            }
            default -> { }
        }
        if (to.status().isFinal() && order.disputed()) {
            DisputeDesk.closedByMove(em, order, action, actor, why, now, announcements);
        }
        OrderEventEntity event = order.moveTo(to, now, actor, why);
        em.persist(event);
        List<OrderTimerEntity> timers = new ArrayList<>();
        for (OrderTimerEntity timer : OrderRows.pendingTimers(em, order.id())) {
            if (Deadlines.watches(timer.kind(), to)) {
                timers.add(timer);
            } else {
                timer.cancelled(now);
            }
        }
        for (DeadlineKind kind : Deadlines.startedBy(action)) {
            OrderTimerEntity timer = new OrderTimerEntity(UUID.randomUUID().toString(), order.id(), kind,
                    Deadlines.dueAt(kind, now, windows.get(), order.dueAt()), now);
            em.persist(timer);
            timers.add(timer);
        }
        List<OrderRequestEntity> open = new ArrayList<>();
        for (OrderRequestEntity request : OrderRows.openRequests(em, order.id())) {
            if (request.isOpen() && (to.status().isFinal() || (request.kind() == RequestKind.EXTENSION && to.stage() != OrderStage.IN_PROGRESS))) {
                request.close(RequestStatus.LAPSED, actor, "the order moved on: " + to, now);
                announcements.requestChanged(order, request, actor);
            } else if (request.isOpen()) {
                open.add(request);
            }
        }
        em.flush();
        announcements.statusChanged(order, event.toEvent());
        return new Moved(order, new OrderRows.Pending(timers, open));
    }
}
