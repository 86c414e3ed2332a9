package org.souk.payment.internal;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.NotFoundException;
import org.souk.gateway.spi.RefundResult;
import org.souk.ledger.api.LedgerService;
import org.souk.notification.api.NotificationOutbox;
import org.souk.notification.api.OutboxTopics;
import org.souk.payment.api.Refund;
import org.souk.payment.api.RefundStatus;
import org.souk.persistence.Conflicts;

/**
 * Records how a refund ended: the gateway's answer, its absence, or an administrator's completion by hand. A
 * refund that SUCCEEDED never changes; it leaves the ledger's refunds payable and the client is told of it
 * through the notification outbox, in the transaction that records it.
 */
final class RefundOutcomes {

    /** Logs under the desk's name, where operators look for refunds. */
    private static final Logger LOG = LoggerFactory.getLogger(RefundDesk.class);

    private final JpaTemplate jpa;
    private final Clock clock;
    private final LedgerService ledger;
    private final NotificationOutbox outbox;
    private final Function<String, String> gigTitles;
    private final RefundQueries queries;

    /** @param gigTitles the title of an order's gig, for the client's notification (null if unknown) */
    RefundOutcomes(JpaTemplate jpa, Clock clock, LedgerService ledger, NotificationOutbox outbox,
            Function<String, String> gigTitles, RefundQueries queries) {
        this.jpa = jpa;
        this.clock = clock;
        this.ledger = ledger;
        this.outbox = outbox;
        this.gigTitles = gigTitles;
        this.queries = queries;
    }

    /** The provider was not there to ask: the refund waits for its next ask. */
    Refund providerAbsent(String refundId) {
        try {
            return jpa.txExpr(TransactionType.Required, em -> {
                RefundEntity entity = em.find(RefundEntity.class, refundId);
                entity.providerAbsent(clock.instant());
                em.flush();
                return entity.toRefund();
            });
        } catch (RuntimeException conflict) {
            return queries.current(refundId); // changed meanwhile; its next ask follows the backoff
        }
    }

    /** Records the gateway's answer; a concurrent change (an administrator, another node) is read again once. */
    Refund answered(String refundId, RefundResult answer) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jpa.txExpr(TransactionType.Required, em -> {
                    RefundEntity entity = em.find(RefundEntity.class, refundId);
                    boolean wasPaid = entity.status() == RefundStatus.SUCCEEDED;
                    if (!entity.answered(answer, clock.instant())) {
                        LOG.info("Refund {} is {}; the gateway's later answer {} changes nothing", refundId,
                                entity.status(), answer.status());
                    }
                    paidOut(em, entity);
                    if (!wasPaid) {
                        tellClient(em, entity);
                    }
                    em.flush();
                    return entity.toRefund();
                });
            } catch (RuntimeException e) {
                if (attempt >= 2 || !Conflicts.isConflict(e)) {
                    LOG.warn("The gateway's answer {} to refund {} could not be recorded ({}); it is asked again later",
                            answer.status(), refundId, e.getMessage());
                    return queries.current(refundId);
                }
            }
        }
    }

    /**
     * An administrator refunded outside Souk. Only a MANUAL or FAILED refund: one still with the gateway
     * may pay out yet, and one that succeeded is done.
     */
    Refund completeByHand(Caller caller, String refundId, String note) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only an administrator completes a refund by hand");
        }
        try {
            return jpa.txExpr(TransactionType.Required, em -> {
                RefundEntity r = refundId == null ? null : em.find(RefundEntity.class, refundId);
                if (r == null) {
                    throw new NotFoundException("No refund " + refundId);
                }
                if (!r.completableByHand()) {
                    throw new ConflictException("Refund " + refundId + " is " + r.status() + (r.status() == RefundStatus.SUCCEEDED
                            ? " already" : ": the gateway may still pay it out, so it cannot be completed by hand")
                            + "; only MANUAL and FAILED refunds can");
                }
                r.completedManually(caller.userId(), note, clock.instant());
                paidOut(em, r);
                tellClient(em, r);
                em.flush();
                return r.toRefund();
            });
        } catch (RuntimeException e) {
            throw Conflicts.translate(e, "The refund was changed by another request at the same time; reload and retry");
        }
    }

    /**
     * A refund the client has received leaves the order's refunds payable in the ledger, in the transaction
     * that records it; once per refund. The refund of a stray charge never was in an escrow: it leaves the
     * order's suspense, where the charge waited for it.
     */
    private void paidOut(EntityManager em, RefundEntity r) {
        if (r.status() != RefundStatus.SUCCEEDED) {
            return;
        }
        if (r.ofStrayCharge()) {
            PaymentEntity p = em.find(PaymentEntity.class, r.toRefund().paymentId());
            ledger.strayChargeReturned(r.toRefund().orderId(), r.toRefund().id(),
                    r.provider() != null ? r.provider() : p.provider(), r.toRefund().amount());
            return;
        }
        Refund refund = r.toRefund();
        PaymentEntity p = em.find(PaymentEntity.class, refund.paymentId());
        ledger.refundPaid(refund.orderId(), refund.id(), p.provider(), refund.amount());
    }

    /**
     * A refund the client has received (the payment's or a stray charge's) is recorded in the notification
     * outbox in the transaction that records it; the client is told once however often it is recorded.
     */
    private void tellClient(EntityManager em, RefundEntity r) {
        if (r.status() != RefundStatus.SUCCEEDED) {
            return;
        }
        Refund refund = r.toRefund();
        PaymentEntity p = em.find(PaymentEntity.class, refund.paymentId());
        Map<String, Object> cause = new HashMap<>();
        cause.put(OutboxTopics.REFUND_ID, refund.id());
        cause.put(OutboxTopics.ORDER_ID, refund.orderId());
        cause.put(OutboxTopics.CLIENT_ID, p.clientId());
        cause.put(OutboxTopics.AMOUNT, refund.amount().toString());
        cause.put(OutboxTopics.GIG_TITLE, gigTitle(refund.orderId()));
        cause.put(OutboxTopics.REASON, refund.reason());
        outbox.record(OutboxTopics.REFUNDED, cause);
    }

    private String gigTitle(String orderId) {
        try {
            return gigTitles == null ? null : gigTitles.apply(orderId);
        } catch (RuntimeException e) {
            LOG.debug("No gig title for order {}: {}", orderId, e.toString());
            return null;
        }
    }
}
