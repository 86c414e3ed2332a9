package org.souk.order.internal;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import javax.persistence.EntityManager;

import org.souk.common.api.Caller;
import org.souk.common.api.NotFoundException;
import org.souk.order.api.DeadlineKind;
import org.souk.order.api.RequestKind;
import org.souk.order.api.RequestStatus;
import org.souk.persistence.Conflicts;

/** How the desks find an order's rows, inside the caller's transaction. */
final class OrderRows {

    /**
     * What is still pending on an order: its deadlines and its open requests. A desk that has just changed
     * them knows them already and hands them to the view, which reads them itself only when not told.
     */
    record Pending(List<OrderTimerEntity> timers, List<OrderRequestEntity> requests) {

        static Pending of(EntityManager em, String orderId) {
            return new Pending(pendingTimers(em, orderId), openRequests(em, orderId));
        }
    }

    private OrderRows() {
    }

    /** The order, if the caller is one of its sides or an administrator; anyone else is told it does not exist. */
    static OrderEntity visible(EntityManager em, Caller caller, String orderId) {
        OrderEntity order = orderId == null ? null : em.find(OrderEntity.class, orderId);
        if (order == null || !(caller.isAdmin() || order.isParticipant(caller.userId()))) {
            throw new NotFoundException("No order " + orderId);
        }
        return order;
    }

    static List<OrderRequestEntity> openRequests(EntityManager em, String orderId) {
        return em.createQuery("SELECT r FROM OrderRequestEntity r WHERE r.orderId = :order AND r.status = :open",
                OrderRequestEntity.class).setParameter("order", orderId).setParameter("open", RequestStatus.OPEN)
                .getResultList();
    }

    static OrderRequestEntity openRequest(EntityManager em, String orderId, RequestKind kind) {
        return openRequests(em, orderId).stream().filter(r -> r.kind() == kind).findFirst().orElse(null);
    }

    /** The cancellation requests one side made on an order, for the limits on asking again. */
    static List<CancellationRules.Earlier> earlierCancellations(EntityManager em, String orderId, String userId) {
        return em.createQuery("SELECT r FROM OrderRequestEntity r WHERE r.orderId = :order AND r.kind = :kind "
                + "AND r.requestedBy = :user", OrderRequestEntity.class).setParameter("order", orderId)
                .setParameter("kind", RequestKind.CANCELLATION).setParameter("user", userId).getResultList().stream()
                .map(r -> new CancellationRules.Earlier(r.status(), r.closedAt())).toList();
    }

    static List<OrderTimerEntity> pendingTimers(EntityManager em, String orderId) {
        return em.createQuery("SELECT t FROM OrderTimerEntity t WHERE t.orderId = :order AND t.state = :pending",
                OrderTimerEntity.class).setParameter("order", orderId)
                .setParameter("pending", OrderTimerEntity.State.PENDING).getResultList();
    }

    static void endTimers(EntityManager em, String orderId, DeadlineKind kind, Instant now) {
        pendingTimers(em, orderId).stream().filter(t -> t.kind() == kind).forEach(t -> t.cancelled(now));
    }

    /** Runs a change of an order; losing a race with another change of it is a conflict the caller may retry. */
    static <T> T conflictsTranslated(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw Conflicts.translate(e, "The order was changed by another request at the same time; reload and retry");
        }
    }
}
