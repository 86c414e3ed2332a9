package org.souk.payment.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.UnavailableException;
import org.souk.gateway.api.PaymentGateway;
import org.souk.gateway.spi.RefundResult;
import org.souk.payment.api.Refund;
import org.souk.payment.api.RefundStatus;
import org.souk.persistence.Conflicts;

/**
 * Asks the gateway about refunds, outside any caller's transaction. A refund the gateway has not settled (no
 * answer, a 5xx, "pending") is asked again with backoff under the same idempotency key, the refund's id, so
 * asking twice never pays twice; each ask is claimed in the database first, so two nodes never ask at once.
 */
final class RefundAsker {

    /** Logs under the desk's name, where operators look for refunds. */
    private static final Logger LOG = LoggerFactory.getLogger(RefundDesk.class);
    /** Longer than the gateway's call timeout: an ask claimed this recently may still be waiting for its answer. */
    static final Duration ASK_IN_FLIGHT = Duration.ofSeconds(60);

    private final JpaTemplate jpa;
    private final PaymentGateway gateway;
    private final Clock clock;
    private volatile RefundRetryPolicy policy;
    private final RefundOutcomes outcomes;
    private final RefundQueries queries;

    RefundAsker(JpaTemplate jpa, PaymentGateway gateway, Clock clock, RefundRetryPolicy policy, RefundOutcomes outcomes,
            RefundQueries queries) {
        this.jpa = jpa;
        this.gateway = gateway;
        this.clock = clock;
        this.policy = policy;
        this.outcomes = outcomes;
        this.queries = queries;
    }

    void retryWith(RefundRetryPolicy newPolicy) {
        this.policy = newPolicy;
    }

    /** Asks the gateway about each refund of this payment that is due now. */
    void askDue(String paymentId) {
        Instant now = clock.instant();
        List<String> due = jpa.txExpr(TransactionType.Supports, em -> em.createQuery(
                "SELECT r FROM RefundEntity r WHERE r.paymentId = :payment", RefundEntity.class)
                .setParameter("payment", paymentId).getResultList().stream().filter(r -> r.dueAt(now))
                .map(RefundEntity::id).toList());
        due.forEach(this::askQuietly);
    }

    /** Asks the gateway about the refunds due now, soonest first; returns how many were asked. */
    int retryDue(int limit) {
        Instant now = clock.instant();
        // Instants are filtered here: the instant converter does not apply to query parameters.
        List<String> due = jpa.txExpr(TransactionType.Supports, em -> em.createQuery(
                "SELECT r FROM RefundEntity r WHERE r.status IN :waiting ORDER BY r.nextAttemptAt", RefundEntity.class)
                .setParameter("waiting", List.of(RefundStatus.REQUESTED, RefundStatus.PENDING)).setMaxResults(limit)
                .getResultList().stream().filter(r -> r.dueAt(now)).map(RefundEntity::id).toList());
        due.forEach(this::askQuietly);
        return due.size();
    }

    private void askQuietly(String refundId) {
        try {
            ask(refundId, false);
        } catch (RuntimeException e) {
            LOG.warn("Refund {} could not be asked for: {}", refundId, e.getMessage());
        }
    }

    /**
     * Whether a refund may be asked about at {@code at}: it waits for the gateway and is due (or, asked
     * {@code now}, whatever its backoff says), and no ask of it is still on its way.
     */
    static boolean mayAsk(RefundEntity r, boolean now, Instant at) {
        return r != null && (now ? r.awaitingGateway() : r.dueAt(at)) && !r.askInFlight(ASK_IN_FLIGHT, at);
    }

    private record Claim(Refund refund, RefundAsk asking) {
    }

    /**
     * Claims the refund's next ask and asks the gateway; returns the refund as it stands after. {@code now}
     * asks at once even if the backoff says later (an administrator's request); a refund that is not
     * waiting for the gateway is never asked.
     */
    Refund ask(String refundId, boolean now) {
        Instant at = clock.instant();
        Claim claim;
        try {
            claim = jpa.txExpr(TransactionType.Required, em -> {
                RefundEntity r = em.find(RefundEntity.class, refundId);
                if (!mayAsk(r, now, at)) {
                    return null;
                }
                if (!r.claimAttempt(policy, at)) {
                    LOG.warn("Refund {} of order {} is still not settled after {} asks: an administrator should look "
                            + "(souk:refunds); it is still asked every {}", refundId, r.toRefund().orderId(), r.attempts(),
                            policy.longest());
                }
                em.flush();
                return new Claim(r.toRefund(), RefundAsk.of(r, em.find(PaymentEntity.class, r.toRefund().paymentId())));
            });
        } catch (RuntimeException e) {
            if (Conflicts.isConflict(e)) {
                return queries.current(refundId); // another request or node asks right now
            }
            throw e;
        }
        if (claim == null) {
            return queries.current(refundId);
        }
        Refund r = claim.refund();
        RefundResult answer;
        try {
            answer = gateway.refund(claim.asking().provider(), claim.asking().request());
        } catch (UnavailableException e) {
            LOG.warn("Refund {} of payment {} waits: {}", r.id(), r.paymentId(), e.getMessage());
            return outcomes.providerAbsent(refundId);
        }
        Refund after = outcomes.answered(refundId, answer);
        if (after.status() == RefundStatus.MANUAL || after.status() == RefundStatus.FAILED) {
            LOG.warn("Refund {} of {} for order {} is {}: an administrator must complete it ({})", after.id(),
                    after.amount(), after.orderId(), after.status(), after.message());
        }
        return after;
    }

    /** An administrator asks the gateway about a refund now, whatever the backoff says. */
    Refund askNow(Caller caller, String refundId) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only an administrator asks about a refund");
        }
        boolean inFlight = jpa.txExpr(TransactionType.Supports, em -> {
            RefundEntity r = em.find(RefundEntity.class, refundId);
            if (r == null) {
                throw new NotFoundException("No refund " + refundId);
            }
            if (!r.awaitingGateway()) {
                throw new ConflictException("Refund " + refundId + " is " + r.status() + ": the gateway has answered");
            }
            return r.askInFlight(ASK_IN_FLIGHT, clock.instant());
        });
        if (inFlight) {
            // Two asks crossing with one key: some gateways fail the second, which must not read as a refusal.
            throw new ConflictException("Refund " + refundId + " is being asked right now and its answer may be on "
                    + "its way; try again in a minute");
        }
        return ask(refundId, true);
    }
}
