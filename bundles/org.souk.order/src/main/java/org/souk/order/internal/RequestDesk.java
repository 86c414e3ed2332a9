package org.souk.order.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.Money;
import org.souk.common.api.ValidationException;
import org.souk.order.api.AgreedCancellation;
import org.souk.order.api.CancellationReason;
import org.souk.order.api.DeadlineKind;
import org.souk.order.api.Order;
import org.souk.order.api.OrderLimits;
import org.souk.order.api.OrderProblems;
import org.souk.order.api.OrderRequest;
import org.souk.order.api.OrderStage;
import org.souk.order.api.OrderStatus;
import org.souk.order.api.RequestKind;
import org.souk.order.api.RequestStatus;
import org.souk.order.internal.OrderStateMachine.Action;

/**
 * The requests one side of an order makes to the other: to cancel it by agreement (with a refund) or, for the
 * freelancer, for more days. {@link CancellationRules} decides what silence does and how often a side may ask;
 * this desk records each request, its answer and its deadline in one transaction.
 */
final class RequestDesk {

    private final JpaTemplate jpa;
    private final Clock clock;
    private final Supplier<Deadlines.Windows> windows;
    private final Supplier<CancellationRules.Limits> limits;
    private final OrderAnnouncements announcements;
    private final OrderViews views;
    private final TransitionDesk transitions;

    RequestDesk(JpaTemplate jpa, Clock clock, Supplier<Deadlines.Windows> windows,
            Supplier<CancellationRules.Limits> limits, OrderAnnouncements announcements, OrderViews views,
            TransitionDesk transitions) {
        this.jpa = jpa;
        this.clock = clock;
        this.windows = windows;
        this.limits = limits;
        this.announcements = announcements;
        this.views = views;
        this.transitions = transitions;
    }

    OrderRequest requestCancellation(Caller caller, String orderId, String reason, Money refund) {
        String why = OrderNotes.requestReason(reason);
        return OrderRows.conflictsTranslated(() -> jpa.txExpr(TransactionType.Required, em -> {
            OrderEntity order = OrderRows.visible(em, caller, orderId);
            OrderChecks.requireParty(caller, order, "Either side of the order asks to cancel it; an administrator cancels directly");
            OrderChecks.requireNotDisputed(order);
            if (order.state().status() != OrderStatus.PROCESSING) {
                throw ConflictException.typed(OrderProblems.WRONG_STATE, "Order " + orderId + " is " + order.state()
                        + ": only a paid order that is not closed can be cancelled by agreement"
                        + (order.state().status() == OrderStatus.PENDING ? " (the client may withdraw an unpaid order)" : ""));
            }
            Money back = refund == null ? order.total() : refund;
            OrderChecks.checkRefund(back, order.total());
            requireNoneOpen(em, order, RequestKind.CANCELLATION);
            Instant now = clock.instant();
            CancellationRules.checkMayAsk(OrderRows.earlierCancellations(em, order.id(), caller.userId()), now, limits.get());
            OrderRequestEntity request = OrderRequestEntity.cancellation(UUID.randomUUID().toString(), order.id(),
                    caller.userId(), why, back, now, now.plus(windows.get().cancellationAnswer()));
            em.persist(request);
            em.persist(order.note(now, caller.userId(), OrderNotes.clip("cancellation requested, refund "
                    + back.toDecimalString() + " " + back.currency() + ": " + why)));
            em.persist(new OrderTimerEntity(UUID.randomUUID().toString(), order.id(), DeadlineKind.CANCELLATION_ANSWER,
                    request.answerBy(), now));
            em.flush();
            announcements.requestChanged(order, request, caller.userId());
            return request.toRequest();
        }));
    }

    /**
     * The other side says yes (or, for the platform once the answer window ended, silence says yes where
     * {@link CancellationRules#onSilence} lets it): the order is cancelled by mutual agreement in the same transaction.
     */
    AgreedCancellation acceptCancellation(Caller caller, String orderId, String note) {
        OrderNotes.checkNote(note);
        return OrderRows.conflictsTranslated(() -> jpa.txExpr(TransactionType.Required, em -> {
            OrderEntity order = OrderRows.visible(em, caller, orderId);
            OrderRequestEntity request = requireOpen(em, order, RequestKind.CANCELLATION);
            Instant now = clock.instant();
            boolean bySystem = caller.isSystem();
            if (bySystem) {
                if (now.isBefore(request.answerBy())) {
                    throw ConflictException.typed(OrderProblems.WINDOW_CLOSED, "The cancellation request of order "
                            + orderId + " may be answered until " + request.answerBy());
                }
                if (CancellationRules.onSilence(order, request) != CancellationRules.OnSilence.ACCEPT) {
                    throw ConflictException.typed(OrderProblems.WINDOW_CLOSED, "Silence does not accept the "
                            + "cancellation request of order " + orderId + ": it gives the silent side less than "
                            + "its default outcome, so it expires");
                }
            } else {
                requireOtherSide(caller, order, request, "cancellation");
            }
            String answer = bySystem ? "not answered within the answer window" : note;
            request.close(RequestStatus.ACCEPTED, caller.userId(), answer, now);
            OrderRows.endTimers(em, order.id(), DeadlineKind.CANCELLATION_ANSWER, now);
            announcements.requestChanged(order, request, caller.userId());
            String why = OrderNotes.clip("mutual agreement" + (bySystem ? " (accepted automatically: not answered in time)" : "")
                    + ", refund " + request.refund().toDecimalString() + " " + request.refund().currency() + ": "
                    + request.reason());
            TransitionDesk.Moved cancelled = transitions.move(em, order, caller.userId(), Action.CANCEL,
                    CancellationReason.MUTUAL_AGREEMENT, why);
            return new AgreedCancellation(views.view(em, caller, cancelled.order(), cancelled.pending()),
                    request.toRequest(), request.refund());
        }));
    }

    OrderRequest requestExtension(Caller caller, String orderId, int days, String reason) {
        String why = OrderNotes.requestReason(reason);
        if (days < 1 || days > OrderLimits.MAX_EXTENSION_DAYS) {
            throw new ValidationException("days", "must be 1 to " + OrderLimits.MAX_EXTENSION_DAYS);
        }
        return OrderRows.conflictsTranslated(() -> jpa.txExpr(TransactionType.Required, em -> {
            OrderEntity order = OrderRows.visible(em, caller, orderId);
            if (!caller.userId().equals(order.freelancerId())) {
                throw ForbiddenException.typed(OrderProblems.NOT_YOUR_TURN, "Only the order's freelancer asks for more days");
            }
            OrderChecks.requireNotDisputed(order);
            if (order.state().stage() != OrderStage.IN_PROGRESS) {
                throw ConflictException.typed(OrderProblems.WRONG_STATE, "Order " + orderId + " is " + order.state()
                        + ": more days are asked for while the work is in progress");
            }
            requireNoneOpen(em, order, RequestKind.EXTENSION);
            Instant now = clock.instant();
            OrderRequestEntity request = OrderRequestEntity.extension(UUID.randomUUID().toString(), order.id(),
                    caller.userId(), why, days, now);
            em.persist(request);
            em.persist(order.note(now, caller.userId(), OrderNotes.clip("extension of " + days + " day(s) requested: " + why)));
            em.flush();
            announcements.requestChanged(order, request, caller.userId());
            return request.toRequest();
        }));
    }

    Order acceptExtension(Caller caller, String orderId, String note) {
        OrderNotes.checkNote(note);
        return OrderRows.conflictsTranslated(() -> jpa.txExpr(TransactionType.Required, em -> {
            OrderEntity order = OrderRows.visible(em, caller, orderId);
            OrderRequestEntity request = requireOpen(em, order, RequestKind.EXTENSION);
            requireOtherSide(caller, order, request, "extension");
            Instant now = clock.instant();
            request.close(RequestStatus.ACCEPTED, caller.userId(), note, now);
            Instant newDue;
            if (order.deliveredAt() == null) {
                order.extendDue(request.days());
                newDue = order.dueAt();
                moveDeadline(em, order.id(), DeadlineKind.DUE, newDue, now);
            } else {
                // Work delivered once is under revision: the revision's own due date moves, never the first one.
                Instant revisionDue = OrderRows.pendingTimers(em, order.id()).stream()
                        .filter(t -> t.kind() == DeadlineKind.REVISION_DUE).map(OrderTimerEntity::dueAt).findFirst()
                        .orElse(now);
                newDue = revisionDue.plusSeconds(86_400L * request.days());
                moveDeadline(em, order.id(), DeadlineKind.REVISION_DUE, newDue, now);
            }
            em.persist(order.note(now, caller.userId(), OrderNotes.clip("extension of " + request.days()
                    + " day(s) accepted; due " + newDue + (note == null || note.isBlank() ? "" : ": " + note))));
            em.flush();
            announcements.requestChanged(order, request, caller.userId());
            return views.view(em, caller, order);
        }));
    }

    OrderRequest declineRequest(Caller caller, String orderId, RequestKind kind, String note) {
        OrderNotes.checkNote(note);
        OrderChecks.requireKind(kind);
        return OrderRows.conflictsTranslated(() -> jpa.txExpr(TransactionType.Required, em -> {
            OrderEntity order = OrderRows.visible(em, caller, orderId);
            OrderRequestEntity request = requireOpen(em, order, kind);
            requireOtherSide(caller, order, request, kind.name().toLowerCase(Locale.ROOT));
            return close(em, order, request, RequestStatus.DECLINED, caller.userId(), note);
        }));
    }

    OrderRequest withdrawRequest(Caller caller, String orderId, RequestKind kind) {
        OrderChecks.requireKind(kind);
        return OrderRows.conflictsTranslated(() -> jpa.txExpr(TransactionType.Required, em -> {
            OrderEntity order = OrderRows.visible(em, caller, orderId);
            OrderRequestEntity request = requireOpen(em, order, kind);
            if (!caller.userId().equals(request.requestedBy())) {
                throw ForbiddenException.typed(OrderProblems.NOT_YOUR_TURN,
                        "Only the side that made the request takes it back; the other side answers it");
            }
            return close(em, order, request, RequestStatus.WITHDRAWN, caller.userId(), null);
        }));
    }

    /**
     * A cancellation request the other side left unanswered, whose terms silence does not accept: it expires,
     * nothing else changes, and both sides hear of it. In the caller's transaction.
     */
    void expire(EntityManager em, OrderEntity order, OrderRequestEntity request, Instant now) {
        request.close(RequestStatus.EXPIRED, Caller.SYSTEM.userId(), "not answered in time; silence does not accept "
                + "a request that gives the silent side less than its default outcome", now);
        em.persist(order.note(now, Caller.SYSTEM.userId(), "cancellation request expired unanswered: the order goes on"));
        em.flush();
        announcements.requestChanged(order, request, Caller.SYSTEM.userId());
    }

    /** Declines or withdraws an open request: nothing else about the order changes. */
    private OrderRequest close(EntityManager em, OrderEntity order, OrderRequestEntity request, RequestStatus to,
            String actor, String note) {
        Instant now = clock.instant();
        request.close(to, actor, note, now);
        if (request.kind() == RequestKind.CANCELLATION) {
            OrderRows.endTimers(em, order.id(), DeadlineKind.CANCELLATION_ANSWER, now);
        }
        em.persist(order.note(now, actor, OrderNotes.clip(request.kind().name().toLowerCase(Locale.ROOT) + " request "
                + to.name().toLowerCase(Locale.ROOT) + (note == null || note.isBlank() ? "" : ": " + note))));
        em.flush();
        announcements.requestChanged(order, request, actor);
        return request.toRequest();
    }

    /** A deadline moves with its date; if it fired already (the work was late), it is set again. */
    private static void moveDeadline(EntityManager em, String orderId, DeadlineKind kind, Instant at, Instant now) {
        OrderTimerEntity due = OrderRows.pendingTimers(em, orderId).stream().filter(t -> t.kind() == kind).findFirst()
                .orElse(null);
        if (due != null) {
            due.moveTo(at);
        } else {
            em.persist(new OrderTimerEntity(UUID.randomUUID().toString(), orderId, kind, at, now));
        }
    }

    private static void requireOtherSide(Caller caller, OrderEntity order, OrderRequestEntity request, String what) {
        if (caller.userId().equals(request.requestedBy())) {
            throw ForbiddenException.typed(OrderProblems.NOT_YOUR_TURN, "The other side answers the " + what
                    + " request; the side that made it may withdraw it");
        }
        if (!order.isParticipant(caller.userId())) {
            throw ForbiddenException.typed(OrderProblems.NOT_YOUR_TURN, "Only the other side of the order answers the "
                    + what + " request");
        }
    }

    private static void requireNoneOpen(EntityManager em, OrderEntity order, RequestKind kind) {
        if (OrderRows.openRequest(em, order.id(), kind) != null) {
            throw ConflictException.typed(OrderProblems.REQUEST_ALREADY_OPEN, "Order " + order.id() + " has an open "
                    + kind.name().toLowerCase(Locale.ROOT) + " request already; it is answered or withdrawn first");
        }
    }

    private static OrderRequestEntity requireOpen(EntityManager em, OrderEntity order, RequestKind kind) {
        OrderRequestEntity request = OrderRows.openRequest(em, order.id(), kind);
        if (request == null) {
            throw ConflictException.typed(OrderProblems.NO_OPEN_REQUEST, "Order " + order.id() + " has no open "
                    + kind.name().toLowerCase(Locale.ROOT) + " request");
        }
        return request;
    }
}
