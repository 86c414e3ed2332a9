package org.souk.order.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.Money;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.ValidationException;
import org.souk.order.api.CancellationReason;
import org.souk.order.api.DeadlineKind;
import org.souk.order.api.Dispute;
import org.souk.order.api.DisputeDecision;
import org.souk.order.api.OrderLimits;
import org.souk.order.api.OrderProblems;
import org.souk.order.api.OrderStage;
import org.souk.order.api.OrderStatus;
import org.souk.order.api.RequestStatus;
import org.souk.order.internal.OrderStateMachine.Action;

/**
 * Disputes of the order service: opening one stops the order's timers and lapses its open requests; an
 * administrator's decision moves the order through the same transitions as everything else (completion
 * releasing the escrow, cancellation, or back to work with a new due date), in the caller's transaction.
 */
final class DisputeDesk {

    private final JpaTemplate jpa;
    private final Clock clock;
    private final OrderAnnouncements announcements;
    private final TransitionDesk transitions;

    DisputeDesk(JpaTemplate jpa, Clock clock, OrderAnnouncements announcements, TransitionDesk transitions) {
        this.jpa = jpa;
        this.clock = clock;
        this.announcements = announcements;
        this.transitions = transitions;
    }

    Dispute open(Caller caller, String orderId, String reason, Money proposedRefund) {
        String why = OrderNotes.requestReason(reason);
        return OrderRows.conflictsTranslated(() -> jpa.txExpr(TransactionType.Required, em -> {
            OrderEntity order = OrderRows.visible(em, caller, orderId);
            OrderChecks.requireParty(caller, order, "Only the two sides of the order open a dispute; an "
                    + "administrator decides it");
            OrderChecks.requireNotDisputed(order);
            if (order.state().status() != OrderStatus.PROCESSING || order.state().stage() == OrderStage.AWAITING_ACCEPTANCE) {
                throw ConflictException.typed(OrderProblems.WRONG_STATE, "Order " + orderId + " is " + order.state()
                        + ": a dispute is about work under way or delivered; an order not yet accepted is refunded "
                        + "in full when its acceptance window ends");
            }
            if (proposedRefund != null) {
                OrderChecks.checkRefund(proposedRefund, order.total());
            }
            Instant now = clock.instant();
            OrderDisputeEntity dispute = new OrderDisputeEntity(UUID.randomUUID().toString(), order.id(),
                    caller.userId(), why, proposedRefund, order.total().currency(), now);
            em.persist(dispute);
            order.disputeOpened(dispute.id());
            // Nothing falls due while an administrator decides, and nothing agreed by silence meanwhile.
            for (OrderTimerEntity timer : OrderRows.pendingTimers(em, order.id())) {
                timer.cancelled(now);
            }
            for (OrderRequestEntity request : OrderRows.openRequests(em, order.id())) {
                request.close(RequestStatus.LAPSED, caller.userId(), "the order is disputed", now);
                announcements.requestChanged(order, request, caller.userId());
            }
            em.persist(order.note(now, caller.userId(), OrderNotes.clip("dispute opened"
                    + (proposedRefund == null ? "" : ", asking a refund of " + proposedRefund.toDecimalString() + " "
                            + proposedRefund.currency()) + ": " + why)));
            em.flush();
            announcements.disputeChanged(order, dispute, caller.userId(), why);
            return dispute.toDispute();
        }));
    }

    Dispute get(Caller caller, String disputeId) {
        return jpa.txExpr(TransactionType.Supports, em -> visible(em, caller, disputeId).toDispute());
    }

    Dispute latestOfOrder(Caller caller, String orderId) {
        return jpa.txExpr(TransactionType.Supports, em -> {
            OrderRows.visible(em, caller, orderId);
            return em.createQuery("SELECT d FROM OrderDisputeEntity d WHERE d.orderId = :order ORDER BY d.openedAt DESC",
                    OrderDisputeEntity.class).setParameter("order", orderId).setMaxResults(1).getResultList().stream()
                    .findFirst().map(OrderDisputeEntity::toDispute).orElse(null);
        });
    }

    List<Dispute> openDisputes(Caller caller, int limit) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only administrators see the disputes of every order");
        }
        return jpa.txExpr(TransactionType.Supports, em -> openOldestFirst(em, limit).stream()
                .map(OrderDisputeEntity::toDispute).toList());
    }

    private static List<OrderDisputeEntity> openOldestFirst(EntityManager em, int limit) {
        return em.createQuery("SELECT d FROM OrderDisputeEntity d WHERE d.status = org.souk.order.api.DisputeStatus.OPEN "
                + "ORDER BY d.openedAt, d.id", OrderDisputeEntity.class)
                .setMaxResults(Math.max(1, Math.min(limit, 500))).getResultList();
    }

    Dispute resolve(Caller caller, String disputeId, DisputeDecision decision, Money refund, Instant dueAt, String note) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only an administrator decides a dispute");
        }
        ValidationException.Collector errors = new ValidationException.Collector();
        if (decision == null) {
            errors.add("decision", "is required: COMPLETE, CANCEL or CONTINUE");
        }
        if (note == null || note.isBlank()) {
            errors.add("note", "say why, for both sides");
        } else if (note.length() > OrderLimits.MAX_NOTE) {
            errors.add("note", "must be at most " + OrderLimits.MAX_NOTE + " characters");
        }
        if (decision == DisputeDecision.CANCEL && refund == null) {
            errors.add("refund", "is required with CANCEL: from 0 to the order total");
        }
        if (decision != DisputeDecision.CANCEL && refund != null) {
            errors.add("refund", "is only for CANCEL");
        }
        if (decision == DisputeDecision.CONTINUE && dueAt == null) {
            errors.add("dueAt", "is required with CONTINUE: the new due date");
        }
        if (decision != DisputeDecision.CONTINUE && dueAt != null) {
            errors.add("dueAt", "is only for CONTINUE");
        }
        errors.throwIfAny();
        return OrderRows.conflictsTranslated(() -> jpa.txExpr(TransactionType.Required, em -> {
            OrderDisputeEntity dispute = visible(em, caller, disputeId);
            if (!dispute.isOpen()) {
                throw ConflictException.typed(OrderProblems.DISPUTE_CLOSED, "Dispute " + disputeId + " was decided already");
            }
            OrderEntity order = em.find(OrderEntity.class, dispute.orderId());
            Instant now = clock.instant();
            if (refund != null) {
                OrderChecks.checkRefund(refund, order.total());
            }
            if (dueAt != null && !dueAt.isAfter(now)) {
                throw new ValidationException("dueAt", "must be in the future");
            }
            String words = note.trim();
            dispute.decided(decision, refund, dueAt, caller.userId(), words, now);
            order.disputeClosed();
            String why = OrderNotes.clip("dispute decided: " + switch (decision) {
                case COMPLETE -> "completed";
                case CANCEL -> "cancelled, refund " + refund.toDecimalString() + " " + refund.currency();
                case CONTINUE -> "the work continues, due " + dueAt;
            } + ": " + words);
            switch (decision) {
                case COMPLETE -> transitions.move(em, order, caller.userId(), Action.DECIDE_COMPLETE, null, why);
                case CANCEL -> transitions.move(em, order, caller.userId(), Action.CANCEL, CancellationReason.DISPUTE_DECISION, why);
                case CONTINUE -> {
                    // Work never delivered gets a new due date with the late right; work delivered once, a
                    // revision's due date, which only warns.
                    boolean delivered = order.deliveredAt() != null;
                    if (!delivered) {
                        order.dueAgain(dueAt);
                    }
                    transitions.move(em, order, caller.userId(), Action.RESUME, null, why);
                    em.persist(new OrderTimerEntity(UUID.randomUUID().toString(), order.id(),
                            delivered ? DeadlineKind.REVISION_DUE : DeadlineKind.DUE, dueAt, now));
                }
            }
            em.flush();
            announcements.disputeChanged(order, dispute, caller.userId(), words);
            return dispute.toDispute();
        }));
    }

    /**
     * The order was completed or cancelled while disputed, not by a decision (the client accepted the delivery,
     * an administrator cancelled it directly): the dispute is over, and says how.
     */
    static void closedByMove(EntityManager em, OrderEntity order, Action action, String actor, String why, Instant now,
            OrderAnnouncements announcements) {
        OrderDisputeEntity dispute = em.find(OrderDisputeEntity.class, order.openDispute());
        order.disputeClosed();
        if (dispute != null && dispute.isOpen()) {
            dispute.decided(action == Action.CANCEL ? DisputeDecision.CANCEL : DisputeDecision.COMPLETE, null, null,
                    actor, why, now);
            announcements.disputeChanged(order, dispute, actor, why);
        }
    }

    private static OrderDisputeEntity visible(EntityManager em, Caller caller, String disputeId) {
        OrderDisputeEntity dispute = disputeId == null ? null : em.find(OrderDisputeEntity.class, disputeId);
        if (dispute == null) {
            throw new NotFoundException("No dispute " + disputeId);
        }
        if (!caller.isAdmin()) {
            try {
                OrderRows.visible(em, caller, dispute.orderId()); // a side of its order, or not found
            } catch (NotFoundException notASide) {
                throw new NotFoundException("No dispute " + disputeId); // not even which order it is about
            }
        }
        return dispute;
    }
}
