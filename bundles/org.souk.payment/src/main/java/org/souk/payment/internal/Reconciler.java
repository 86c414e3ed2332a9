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
import org.souk.gateway.api.ProviderInfo;
import org.souk.gateway.spi.ConfigurationCheck;
import org.souk.gateway.spi.ProviderResult;
import org.souk.payment.api.AttemptStatus;
import org.souk.payment.api.PaymentStatus;
import org.souk.payment.api.ReconciliationReport;
import org.souk.payment.api.TransactionKind;

/**
 * Asks the gateway about payments left pending (a lost webhook, a timeout) and settles what it has
 * decided; then about attempts Souk failed while their charge was unsettled (see
 * {@link PaymentAttemptEntity#recheckFrom}), so that a success reported late is refunded; then retries the
 * refunds that are due. A browser's return is never proof; the gateway's status is.
 *
 * <p>Only payments whose provider is deployed take places in a run's batch: those of a provider that is gone
 * wait for it without holding up the others.
 */
final class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    /** Payments asked about per run; the oldest first, the rest on the next run. */
    static final int RECONCILE_BATCH = 500;
    /** The first look-up of an attempt failed unsettled, after it was failed; each later wait doubles. */
    static final Duration FIRST_RECHECK = Duration.ofMinutes(1);
    /** The longest wait between two look-ups of an attempt failed unsettled. */
    static final Duration LONGEST_RECHECK = Duration.ofHours(6);
    /** How long after it was failed an unsettled attempt is looked up, by default. */
    static final Duration UNSETTLED_WINDOW = Duration.ofDays(7);
    private static final RefundRetryPolicy RECHECKS = new RefundRetryPolicy(FIRST_RECHECK, LONGEST_RECHECK, 1);

    private final JpaTemplate jpa;
    private final PaymentGateway gateway;
    private final Clock clock;
    private final RefundDesk refunds;
    private final SettlementDesk settlement;
    private final int batch;
    private volatile Duration unsettledWindow = UNSETTLED_WINDOW;

    Reconciler(JpaTemplate jpa, PaymentGateway gateway, Clock clock, RefundDesk refunds, SettlementDesk settlement) {
        this(jpa, gateway, clock, refunds, settlement, RECONCILE_BATCH);
    }

    /** @param batch payments asked about per run */
    Reconciler(JpaTemplate jpa, PaymentGateway gateway, Clock clock, RefundDesk refunds, SettlementDesk settlement,
            int batch) {
        this.batch = batch;
        this.jpa = jpa;
        this.gateway = gateway;
        this.clock = clock;
        this.refunds = refunds;
        this.settlement = settlement;
    }

    /** How long after Souk failed an attempt unsettled its gateway is still asked about it. */
    void unsettledWindow(Duration window) {
        this.unsettledWindow = window;
    }

    ReconciliationReport reconcile(Duration pendingFor) {
        Instant cutoff = clock.instant().minus(pendingFor);
        // A provider id the gateway refused (two configurations claiming it: listed with no method, INVALID) is
        // not called either, so it counts as not deployed.
        List<String> deployed = gateway.providers().stream().filter(i -> !i.methods().isEmpty()
                || i.configuration().status() != ConfigurationCheck.Status.INVALID).map(ProviderInfo::id).distinct()
                .toList();
        // Oldest first; the cut-off is applied here because the instant converter does not apply to parameters.
        // A payment whose latest attempt was declined awaits the client, not the gateway: it is not asked about.
        // One whose provider is not deployed cannot be asked: it is counted, and leaves its place to the others.
        String waiting = "FROM PaymentEntity p JOIN p.attempts a WHERE p.status = :pending AND a.number = p.attemptNumber"
                + " AND a.status <> :declined";
        List<PaymentEntity> pending = deployed.isEmpty() ? List.of() : jpa.txExpr(TransactionType.Supports,
                em -> em.createQuery("SELECT p " + waiting + " AND a.provider IN :deployed ORDER BY p.updatedAt",
                        PaymentEntity.class).setParameter("pending", PaymentStatus.PENDING)
                        .setParameter("declined", AttemptStatus.DECLINED).setParameter("deployed", deployed)
                        .setMaxResults(batch).getResultList())
                .stream().filter(p -> !p.updatedAt().isAfter(cutoff)).toList();
        long elsewhere = jpa.txExpr(TransactionType.Supports, em -> {
            javax.persistence.TypedQuery<Long> count = em.createQuery("SELECT COUNT(p) " + waiting
                    + (deployed.isEmpty() ? "" : " AND a.provider NOT IN :deployed"), Long.class)
                    .setParameter("pending", PaymentStatus.PENDING).setParameter("declined", AttemptStatus.DECLINED);
            return deployed.isEmpty() ? count.getSingleResult() : count.setParameter("deployed", deployed).getSingleResult();
        });
        int succeeded = 0;
        int failed = 0;
        int stillPending = 0;
        int absent = (int) Math.min(Integer.MAX_VALUE, elsewhere);
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
        recheckUnsettled();
        refunds.retryDue(RECONCILE_BATCH);
        if (!pending.isEmpty()) {
            LOG.info("Reconciled {} pending payment(s): {} succeeded, {} failed, {} still pending, {} with no provider",
                    pending.size(), succeeded, failed, stillPending, absent);
        }
        return new ReconciliationReport(pending.size() + (int) Math.min(Integer.MAX_VALUE, elsewhere), succeeded, failed,
                stillPending, absent);
    }

    /**
     * Asks again about the attempts Souk failed while their charge was unsettled, those due now, soonest first:
     * a success is a charge for nothing and is refunded once (see {@link Settlement}); a final answer, or the
     * end of the unsettled window, ends the look-ups; anything else asks again after twice the last wait.
     * Returns how many were asked.
     */
    int recheckUnsettled() {
        Instant now = clock.instant();
        Duration window = unsettledWindow;
        // A native query with a range on the indexed column: the instant converter does not apply to JPQL
        // parameters, and a range reads only the rows due, through payment_attempt_recheck, however many wait.
        List<PaymentAttemptEntity> due = jpa.txExpr(TransactionType.Supports, em -> {
            @SuppressWarnings("unchecked")
            List<Object> ids = em.createNativeQuery("SELECT id FROM payment_attempt WHERE recheck_at <= ? ORDER BY recheck_at")
                    .setParameter(1, java.sql.Timestamp.from(now)).setMaxResults(batch).getResultList();
            return ids.stream().map(id -> em.find(PaymentAttemptEntity.class, String.valueOf(id)))
                    .filter(a -> a != null && a.recheckAt() != null && !a.recheckAt().isAfter(now)).toList();
        });
        int asked = 0;
        for (PaymentAttemptEntity attempt : due) {
            PaymentEntity p = attempt.payment();
            Instant ended = attempt.endedAt() != null ? attempt.endedAt() : p.updatedAt();
            if (ended.plus(window).isBefore(now)) {
                LOG.info("Payment {}: attempt {} at {} was not settled within {} of being failed; no longer looked up",
                        p.id(), attempt.number(), attempt.provider(), window);
                rechecked(attempt.id(), null);
                continue;
            }
            ProviderResult answer;
            try {
                answer = gateway.fetch(attempt.provider(), SettlementDesk.lookUpOf(p, attempt));
            } catch (UnavailableException e) {
                rechecked(attempt.id(), now.plus(RECHECKS.delayAfter(attempt.rechecks() + 1)));
                continue;
            }
            asked++;
            try {
                settlement.apply(p.id(), attempt.number(), TransactionKind.STATUS_CHECK, answer);
                rechecked(attempt.id(), answer.status().isFinal() ? null
                        : now.plus(RECHECKS.delayAfter(attempt.rechecks() + 1)));
            } catch (RuntimeException e) {
                LOG.warn("Looking up payment {}'s unsettled attempt {} again failed: {}", p.id(), attempt.number(),
                        e.getMessage());
            }
        }
        return asked;
    }

    /** Records a look-up of an attempt failed unsettled: the next one at {@code next}, or none if null. */
    private void rechecked(String attemptId, Instant next) {
        try {
            jpa.tx(TransactionType.Required, em -> {
                PaymentAttemptEntity a = em.find(PaymentAttemptEntity.class, attemptId);
                if (next == null) {
                    a.recheckDone();
                } else {
                    a.recheckedWithoutAnswer(next);
                }
                em.flush();
            });
        } catch (RuntimeException e) {
            LOG.debug("Attempt {}: its next look-up was not recorded ({}); it is asked again at the next run", attemptId,
                    e.getMessage());
        }
    }
}
