package org.souk.payment.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.UnavailableException;
import org.souk.gateway.api.PaymentGateway;
import org.souk.gateway.spi.ProviderResult;
import org.souk.payment.api.AttemptStatus;
import org.souk.payment.api.PaymentStatus;
import org.souk.payment.api.ReconciliationReport;
import org.souk.payment.api.TransactionKind;

/**
 * Asks the gateway about payments left pending (a lost webhook, a timeout) and settles what it has
 * decided; then retries the refunds that are due. A browser's return is never proof; the gateway's status is.
 */
final class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    /** Payments asked about per run; the oldest first, the rest on the next run. */
    static final int RECONCILE_BATCH = 500;

    private final JpaTemplate jpa;
    private final PaymentGateway gateway;
    private final Clock clock;
    private final RefundDesk refunds;
    private final SettlementDesk settlement;

    Reconciler(JpaTemplate jpa, PaymentGateway gateway, Clock clock, RefundDesk refunds, SettlementDesk settlement) {
        this.jpa = jpa;
        this.gateway = gateway;
        this.clock = clock;
        this.refunds = refunds;
        this.settlement = settlement;
    }

    ReconciliationReport reconcile(Duration pendingFor) {
        Instant cutoff = clock.instant().minus(pendingFor);
        // Oldest first; the cut-off is applied here because the instant converter does not apply to parameters.
        // A payment whose latest attempt was declined awaits the client, not the gateway: it is not asked about.
        List<PaymentEntity> pending = jpa.txExpr(TransactionType.Supports, em -> em.createQuery(
                "SELECT p FROM PaymentEntity p JOIN p.attempts a WHERE p.status = :pending AND a.number = p.attemptNumber"
                + " AND a.status <> :declined ORDER BY p.updatedAt", PaymentEntity.class)
                .setParameter("pending", PaymentStatus.PENDING).setParameter("declined", AttemptStatus.DECLINED)
                .setMaxResults(RECONCILE_BATCH).getResultList())
                .stream().filter(p -> !p.updatedAt().isAfter(cutoff)).toList();
        int succeeded = 0;
        int failed = 0;
        int stillPending = 0;
        int absent = 0;
        for (PaymentEntity p : pending) {
            // The attempt as loaded: should the client pay again meanwhile, the answer is still about this one.
            // An attempt whose charge never got an answer (initiation threw) has no reference: it is asked by its key.
            PaymentAttemptEntity attempt = p.currentAttempt();
            ProviderResult answer;
            try {
                answer = gateway.fetch(attempt.provider(), SettlementDesk.lookUpOf(p, attempt));
            } catch (UnavailableException e) {
                absent++;
                continue;
            }
            try {
                switch (settlement.apply(p.id(), attempt.number(), TransactionKind.STATUS_CHECK, answer).status()) {
                    case SUCCESS -> succeeded++;
                    case FAILED -> failed++;
                    case PENDING -> stillPending++;
                }
            } catch (RuntimeException e) {
                LOG.warn("Reconciling payment {} failed: {}", p.id(), e.getMessage());
                stillPending++;
            }
        }
        refunds.retryDue(RECONCILE_BATCH);
        if (!pending.isEmpty()) {
            LOG.info("Reconciled {} pending payment(s): {} succeeded, {} failed, {} still pending, {} with no provider",
                    pending.size(), succeeded, failed, stillPending, absent);
        }
        return new ReconciliationReport(pending.size(), succeeded, failed, stillPending, absent);
    }
}
