package org.souk.order.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.Caller;
import org.souk.order.api.Deadline;
import org.souk.order.api.DeadlineKind;
import org.souk.order.api.OrderStage;
import org.souk.order.api.RequestKind;
import org.souk.order.internal.OrderStateMachine.Action;
import org.souk.persistence.Conflicts;
import org.souk.persistence.DueRows;

/**
 * Fires the order's due deadlines, each once, whichever node polls first: the ones the order bundle moves
 * alone (auto-completion, late work, an unanswered request that expires) in one transaction each, the others
 * (payment expiry, acceptance, a cancellation silence accepts) through their {@link DeadlineHandlers}.
 * {@link Deadlines} and {@link CancellationRules} decide what a deadline does.
 */
final class DeadlineDesk {

    // Named after the service whose log lines these have always been.
    private static final Logger LOG = LoggerFactory.getLogger(JpaOrderService.class);
    /** How long a handler has to make its move before the deadline may be taken again. */
    private static final Duration HANDLER_CLAIM = Duration.ofMinutes(5);

    private final JpaTemplate jpa;
    private final Clock clock;
    private final DeadlineHandlers handlers;
    private final OrderAnnouncements announcements;
    private final TransitionDesk transitions;
    private final RequestDesk requests;

    DeadlineDesk(JpaTemplate jpa, Clock clock, DeadlineHandlers handlers, OrderAnnouncements announcements,
            TransitionDesk transitions, RequestDesk requests) {
        this.jpa = jpa;
        this.clock = clock;
        this.handlers = handlers;
        this.announcements = announcements;
        this.transitions = transitions;
        this.requests = requests;
    }

    List<Deadline> upcoming(int limit) {
        return jpa.txExpr(TransactionType.Supports, em -> em.createQuery(
                "SELECT t FROM OrderTimerEntity t WHERE t.state = :pending ORDER BY t.dueAt", OrderTimerEntity.class)
                .setParameter("pending", OrderTimerEntity.State.PENDING)
                .setMaxResults(Math.max(1, Math.min(limit, 500))).getResultList().stream()
                .map(OrderTimerEntity::toDeadline).toList());
    }

    int fireDue(int limit) {
        Instant now = clock.instant();
        List<String> due = jpa.txExpr(TransactionType.Supports, em -> DueRows.pendingIds(em, "order_timer", now, limit));
        int fired = 0;
        for (String id : due) {
            try {
                if (jpa.txExpr(TransactionType.Required, em -> fire(em, em.find(OrderTimerEntity.class, id), now))
                        || fireByHandler(id, now)) {
                    fired++;
                }
            } catch (RuntimeException e) {
                if (Conflicts.isConflict(e)) {
                    LOG.debug("Deadline {} was fired or moved by another node or request first", id);
                } else {
                    LOG.warn("Deadline {} could not fire: {}", id, e.toString());
                }
            }
        }
        return fired;
    }

    /**
     * A deadline another bundle moves: claimed for a while (its version makes a second claim fail), handed
     * to its handler outside any transaction, and marked fired once the handler returns.
     */
    private boolean fireByHandler(String id, Instant now) {
        Deadline claimed = jpa.txExpr(TransactionType.Required, em -> {
            OrderTimerEntity timer = em.find(OrderTimerEntity.class, id);
            if (timer == null || !timer.dueAt(now) || Deadlines.firedHere(timer.kind()) || handlers.isEmpty()) {
                return null;
            }
            Deadline deadline = timer.toDeadline();
            timer.claimUntil(now.plus(HANDLER_CLAIM));
            em.flush();
            return deadline;
        });
        if (claimed == null || !handlers.handle(claimed)) {
            return false; // no handler deployed: the claim runs out and the deadline is taken again later
        }
        jpa.tx(TransactionType.Required, em -> {
            OrderTimerEntity timer = em.find(OrderTimerEntity.class, id);
            if (!timer.pending()) {
                return; // ended by the move the handler made (or by another change meanwhile)
            }
            if (timer.kind() == DeadlineKind.CANCELLATION_ANSWER && OrderRows.openRequest(em, timer.orderId(), RequestKind.CANCELLATION) != null) {
                // The handler found nothing to accept (the order moved on meanwhile): due again now, so that
                // the request expires rather than stays open with no deadline.
                timer.moveTo(clock.instant());
            } else {
                timer.fired(clock.instant());
            }
        });
        return true;
    }

    /** Fires one deadline the order bundle moves alone, in the caller's transaction; its version makes a second firing fail. */
    private boolean fire(EntityManager em, OrderTimerEntity timer, Instant now) {
        if (timer == null || !timer.dueAt(now)) {
            return false;
        }
        boolean here = Deadlines.firedHere(timer.kind());
        if (!here && timer.kind() != DeadlineKind.CANCELLATION_ANSWER) {
            return false;
        }
        OrderEntity order = em.find(OrderEntity.class, timer.orderId());
        if (order == null || !Deadlines.watches(timer.kind(), order.state()) || order.disputed()) {
            // An order that moved on, or is disputed: its timers stop until an administrator decides.
            timer.cancelled(now);
            return false;
        }
        switch (timer.kind()) {
            case CANCELLATION_ANSWER -> {
                OrderRequestEntity asked = OrderRows.openRequest(em, order.id(), RequestKind.CANCELLATION);
                if (asked == null) {
                    timer.cancelled(now);
                    return false;
                }
                if (CancellationRules.onSilence(order, asked) == CancellationRules.OnSilence.ACCEPT) {
                    return false; // money moves: the payment bundle's handler accepts it
                }
                requests.expire(em, order, asked, now);
            }
            case AUTO_COMPLETE -> {
                OrderRequestEntity asked = OrderRows.openRequest(em, order.id(), RequestKind.CANCELLATION);
                if (asked != null && CancellationRules.onSilence(order, asked) == CancellationRules.OnSilence.ACCEPT) {
                    // The client was told silence accepts this offer: it is settled first, however long that takes.
                    Instant after = asked.answerBy().plusSeconds(1);
                    timer.moveTo(after.isAfter(now) ? after : now.plus(Duration.ofMinutes(1)));
                    em.flush();
                    return false;
                }
                if (asked != null && timer.mayPostpone() && asked.answerBy().isAfter(now)) {
                    // Completing would release the money the request is about: wait for its answer, once per delivery.
                    timer.postpone(asked.answerBy().plusSeconds(1));
                    em.flush();
                    return false;
                }
                transitions.move(em, order, Caller.SYSTEM.userId(), Action.COMPLETE, null,
                        "completed automatically: the client did not answer the delivery within the review window");
            }
            case DUE, REVISION_DUE -> {
                if (order.state().stage() == OrderStage.IN_PROGRESS) {
                    announcements.late(order, timer.kind(), timer.dueAt());
                }
            }
            default -> throw new IllegalStateException(timer.kind() + " is fired by its handler");
        }
        timer.fired(now);
        em.flush();
        return true;
    }
}
