package org.souk.payment.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.Money;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.UnavailableException;
import org.souk.gateway.api.PaymentGateway;
import org.souk.gateway.spi.RefundRequest;
import org.souk.gateway.spi.RefundResult;
import org.souk.ledger.api.LedgerService;
import org.souk.notification.api.NotificationOutbox;
import org.souk.notification.api.OutboxTopics;
import org.souk.payment.api.Refund;
import org.souk.payment.api.RefundStatus;
import org.souk.persistence.Conflicts;

/**
 * Refunds: recorded in the transaction of the state change that causes them, then asked of the gateway
 * outside it. A refund the gateway has not settled (no answer, a 5xx, "pending") is asked again with
 * backoff under the same idempotency key, the refund's id, so asking twice never pays twice; each ask is
 * claimed in the database first, so two nodes never ask at once. A refund that SUCCEEDED never changes; the
 * client is told of it through the notification outbox, in the transaction that records it.
 */
final class RefundDesk {

    private static final Logger LOG = LoggerFactory.getLogger(RefundDesk.class);
    /** Longer than the gateway's call timeout: an ask claimed this recently may still be waiting for its answer. */
    private static final java.time.Duration ASK_IN_FLIGHT = java.time.Duration.ofSeconds(60);

    private final JpaTemplate jpa;
    private final PaymentGateway gateway;
    private final Clock clock;
    private volatile RefundRetryPolicy policy;
    private final LedgerService ledger;
    private final NotificationOutbox outbox;
    private final Function<String, String> gigTitles;

    /**
     * @param gigTitles the title of an order's gig, for the client's notification (null if unknown)
     */
    RefundDesk(JpaTemplate jpa, PaymentGateway gateway, Clock clock, RefundRetryPolicy policy, LedgerService ledger,
            NotificationOutbox outbox, Function<String, String> gigTitles) {
        this.ledger = ledger;
        this.outbox = outbox;
        this.gigTitles = gigTitles;
        this.jpa = jpa;
        this.gateway = gateway;
        this.clock = clock;
        this.policy = policy;
    }

    void retryWith(RefundRetryPolicy newPolicy) {
        this.policy = newPolicy;
    }

    /** Records a full refund of the payment in the caller's transaction; ask the gateway after it commits. */
    String record(EntityManager em, PaymentEntity payment, String reason, String requestedBy) {
        return record(em, payment, payment.amount(), reason, requestedBy);
    }

    /** Records a refund of part (or all) of the payment in the caller's transaction; ask the gateway after it commits. */
    String record(EntityManager em, PaymentEntity payment, Money amount, String reason, String requestedBy) {
        if (amount.isZero() || amount.minor() > payment.amount().minor()
                || !amount.currency().equals(payment.amount().currency())) {
            throw new IllegalArgumentException("a refund of " + amount + " for a payment of " + payment.amount());
        }
        String id = UUID.randomUUID().toString();
        em.persist(new RefundEntity(id, payment.id(), payment.orderId(), amount, reason, requestedBy, clock.instant()));
        return id;
    }

    /**
     * What to give back in the currency the gateway charged, for a refund of part of a converted payment:
     * the same share of what was charged, rounded half-even to the charged currency's minor unit, so that
     * the parts of a payment never add up to more than was charged by more than one minor unit. The whole
     * amount gives back exactly what was charged.
     */
    static Money chargedPart(Money charged, Money amount, Money refund) {
        if (charged == null) {
            return null;
        }
        if (refund.minor() == amount.minor()) {
            return charged;
        }
        long part = java.math.BigDecimal.valueOf(charged.minor()).multiply(java.math.BigDecimal.valueOf(refund.minor()))
                .divide(java.math.BigDecimal.valueOf(amount.minor()), 0, java.math.RoundingMode.HALF_EVEN).longValueExact();
        return new Money(part, charged.currency());
    }

    /**
     * Records the refund of a charge that pays for nothing (a success after the payment failed, a second
     * charge), once per charge however often the gateway reports it. The charge is {@code attempt}'s, under
     * {@code chargeReference} (or the attempt's own reference if null): it is given back by that attempt's
     * provider, in what that provider charged, whichever attempt paid the payment.
     */
    void recordChargeRefund(EntityManager em, PaymentEntity payment, PaymentAttemptEntity attempt, String chargeReference,
            String reason) {
        String charge = chargeReference != null ? chargeReference : attempt.gatewayReference();
        // The id follows from the charge: a repeated report finds it, and two deliveries racing to record it
        // collide on the key, so a charge is never refunded twice. A charge the gateway never named is known by
        // its attempt's key.
        String basis = charge != null ? charge : "attempt:" + attempt.id();
        String id = chargeRefundId(payment, basis);
        if (attempt.recheckAt() != null) {
            attempt.recheckDone(); // its charge went through: there is nothing left to look up
        }
        if (em.find(RefundEntity.class, id) != null) {
            return;
        }
        // A charge refunded before the gateway named it is the same charge once it is named, unless the attempt is
        // known by another reference: a reference learnt later never gives the attempt's charge back twice.
        if (charge != null && (attempt.gatewayReference() == null || attempt.gatewayReference().equals(charge))
                && em.find(RefundEntity.class, chargeRefundId(payment, "attempt:" + attempt.id())) != null) {
            return;
        }
        LOG.warn("Payment {} of order {}: {} ({} of attempt {} at {}); refunding {}", payment.id(), payment.orderId(),
                reason, charge, attempt.number(), attempt.provider(), payment.amount());
        em.persist(new RefundEntity(id, payment.id(), payment.orderId(), payment.amount(), reason, Caller.SYSTEM.userId(),
                charge, attempt.provider(), attempt.charged(), clock.instant()));
        // Owed to the client until its refund is paid: the ledger holds it in the order's suspense meanwhile.
        ledger.strayChargeTaken(payment.orderId(), id, attempt.provider(), payment.amount());
    }

    private static String chargeRefundId(PaymentEntity payment, String basis) {
        return UUID.nameUUIDFromBytes((payment.id() + "|charge|" + basis).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** What is asked of which provider for a refund. */
    record Asking(String provider, RefundRequest request) {
    }

    /**
     * The gateway request for a refund: the charge it gives back is the payment's unless the refund names
     * another (another attempt's), and then so are the provider asked and what that charge took in another
     * currency.
     */
    static Asking asking(RefundEntity refund, PaymentEntity payment) {
        Refund r = refund.toRefund();
        boolean ownCharge = refund.provider() == null;
        String provider = ownCharge ? payment.provider() : refund.provider();
        Money charged = ownCharge ? payment.charged() : refund.charged();
        // Another attempt's charge is never given back under the payment's reference, even if the gateway never
        // named it: the provider is then asked with none, and an administrator completes what it cannot.
        String reference = ownCharge && refund.chargeReference() == null ? payment.gatewayReference()
                : refund.chargeReference();
        return new Asking(provider, new RefundRequest(r.id(), payment.id(), reference, r.amount(), r.reason(), r.id(),
                chargedPart(charged, payment.amount(), r.amount())));
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

    private record Claim(Refund refund, Asking asking) {
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
                if (r == null || !(now ? r.awaitingGateway() : r.dueAt(at)) || r.askInFlight(ASK_IN_FLIGHT, at)) {
                    return null;
                }
                if (!r.claimAttempt(policy, at)) {
                    LOG.warn("Refund {} of order {} is still not settled after {} asks: an administrator should look "
                            + "(souk:refunds); it is still asked every {}", refundId, r.toRefund().orderId(), r.attempts(),
                            policy.longest());
                }
                em.flush();
                return new Claim(r.toRefund(), asking(r, em.find(PaymentEntity.class, r.toRefund().paymentId())));
            });
        } catch (RuntimeException e) {
            if (Conflicts.isConflict(e)) {
                return current(refundId); // another request or node asks right now
            }
            throw e;
        }
        if (claim == null) {
            return current(refundId);
        }
        Refund r = claim.refund();
        RefundResult answer;
        try {
            answer = gateway.refund(claim.asking().provider(), claim.asking().request());
        } catch (UnavailableException e) {
            LOG.warn("Refund {} of payment {} waits: {}", r.id(), r.paymentId(), e.getMessage());
            try {
                return jpa.txExpr(TransactionType.Required, em -> {
                    RefundEntity entity = em.find(RefundEntity.class, refundId);
                    entity.providerAbsent(clock.instant());
                    em.flush();
                    return entity.toRefund();
                });
            } catch (RuntimeException conflict) {
                return current(refundId); // changed meanwhile; its next ask follows the backoff
            }
        }
        Refund after = record(refundId, answer);
        if (after.status() == RefundStatus.MANUAL || after.status() == RefundStatus.FAILED) {
            LOG.warn("Refund {} of {} for order {} is {}: an administrator must complete it ({})", after.id(),
                    after.amount(), after.orderId(), after.status(), after.message());
        }
        return after;
    }

    /** Records the gateway's answer; a concurrent change (an administrator, another node) is read again once. */
    private Refund record(String refundId, RefundResult answer) {
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
                    return current(refundId);
                }
            }
        }
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

    private Refund current(String refundId) {
        return jpa.txExpr(TransactionType.Supports, em -> {
            RefundEntity r = em.find(RefundEntity.class, refundId);
            if (r == null) {
                throw new NotFoundException("No refund " + refundId);
            }
            return r.toRefund();
        });
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
