package org.souk.payment.internal;

import java.util.List;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.souk.common.api.NotFoundException;
import org.souk.payment.api.Refund;
import org.souk.payment.api.RefundStatus;

/** Reads refunds as they stand. */
final class RefundQueries {

    private final JpaTemplate jpa;

    RefundQueries(JpaTemplate jpa) {
        this.jpa = jpa;
    }

    Refund current(String refundId) {
        return jpa.txExpr(TransactionType.Supports, em -> {
            RefundEntity r = em.find(RefundEntity.class, refundId);
            if (r == null) {
                throw new NotFoundException("No refund " + refundId);
            }
            return r.toRefund();
        });
    }

    /** What was given back, or is being given back, of the order's payment itself (stray charges aside). */
    long refundedOfPayment(String orderId) {
        return jpa.txExpr(TransactionType.Supports, em -> em.createQuery(
                "SELECT r FROM RefundEntity r WHERE r.orderId = :order", RefundEntity.class)
                .setParameter("order", orderId).getResultList().stream().filter(r -> !r.ofStrayCharge())
                .mapToLong(r -> r.toRefund().amount().minor()).sum());
    }

    List<Refund> ofOrder(String orderId) {
        return jpa.txExpr(TransactionType.Supports, em -> em.createQuery(
                "SELECT r FROM RefundEntity r WHERE r.orderId = :order ORDER BY r.requestedAt", RefundEntity.class)
                .setParameter("order", orderId).getResultList().stream().map(RefundEntity::toRefund).toList());
    }

    List<Refund> in(RefundStatus status, int limit) {
        return jpa.txExpr(TransactionType.Supports, em -> em.createQuery(
                "SELECT r FROM RefundEntity r WHERE r.status = :status ORDER BY r.requestedAt", RefundEntity.class)
                .setParameter("status", status).setMaxResults(limit).getResultList()
                .stream().map(RefundEntity::toRefund).toList());
    }

    List<Refund> needingAttention(int limit) {
        return jpa.txExpr(TransactionType.Supports, em -> em.createQuery(
                "SELECT r FROM RefundEntity r WHERE r.attention = :yes ORDER BY r.requestedAt", RefundEntity.class)
                .setParameter("yes", true).setMaxResults(limit).getResultList().stream().map(RefundEntity::toRefund).toList());
    }
}
