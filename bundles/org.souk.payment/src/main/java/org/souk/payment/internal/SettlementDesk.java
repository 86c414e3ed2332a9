package org.souk.payment.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.Caller;
import org.souk.common.api.Money;
import org.souk.gateway.spi.DeclineCodes;
import org.souk.gateway.spi.PaymentLookup;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.ProviderStatus;
import org.souk.ledger.api.Conversion;
import org.souk.ledger.api.LedgerService;
import org.souk.order.api.CancellationReason;
import org.souk.order.api.OrderService;
import org.souk.order.api.OrderStatus;
import org.souk.payment.api.Payment;
import org.souk.payment.api.PaymentTopics;
import org.souk.payment.api.TransactionKind;
import org.souk.persistence.Conflicts;

/**
 * Settles payments with the gateway's word, whoever brought it (a charge's answer, a webhook, a look-up):
 * records it, lets {@link Settlement} decide, and carries the decision out in the same transaction: the
 * payment's status, the order's move, the escrow posting, a refund of money taken without paying anything.
 */
final class SettlementDesk {

    private static final Logger LOG = LoggerFactory.getLogger(SettlementDesk.class);

    private final JpaTemplate jpa;
    private final OrderService orders;
    private final Clock clock;
    private final RefundDesk refunds;
    private final LedgerService ledger;
    /** The order lifecycle's current setting, read at each decline. */
    private final Supplier<AttemptPolicy> attempts;
    private final PaymentEvents events;

    SettlementDesk(JpaTemplate jpa, OrderService orders, Clock clock, RefundDesk refunds, LedgerService ledger,
            Supplier<AttemptPolicy> attempts, PaymentEvents events) {
        this.jpa = jpa;
        this.orders = orders;
        this.clock = clock;
        this.refunds = refunds;
        this.ledger = ledger;
        this.attempts = attempts;
        this.events = events;
    }

    /** What one settlement did: the payment after it, and whether it recorded a refund to ask for. */
    record Settled(Payment payment, boolean refundRecorded) {
    }

    /**
     * Records the gateway's answer to a call made for attempt {@code attempt} and settles the payment with it;
     * retried once if a concurrent settlement won.
     */
    Payment apply(String paymentId, int attempt, TransactionKind kind, ProviderResult result) {
        return applyReport(paymentId, kind, result, new Settlement.Report(result.status(), result.gatewayReference(), null,
                Settlement.Source.LOOK_UP, attempt)).payment();
    }

    Settled applyReport(String paymentId, TransactionKind kind, ProviderResult result, Settlement.Report report) {
        for (int attempt = 1; ; attempt++) {
            try {
                Settled settled = jpa.txExpr(TransactionType.Required,
                        em -> settle(em, em.find(PaymentEntity.class, paymentId), kind, result, report));
                if (settled.refundRecorded()) {
                    refunds.askDue(paymentId);
                }
                return settled;
            } catch (RuntimeException e) {
                if (attempt >= 2 || !Conflicts.isConflict(e)) {
                    throw Conflicts.translate(e, "The payment was changed by another request at the same time; retry");
                }
            }
        }
    }

    /**
     * Records a gateway's word on the payment and does what {@link Settlement} decides with it. A refusal
     * is recorded with its reason and changes nothing else; a look-up is left to the caller, after commit.
     */
    Settled settle(EntityManager em, PaymentEntity p, TransactionKind kind, ProviderResult result,
            Settlement.Report report) {
        Instant now = clock.instant();
        PaymentAttemptEntity about = attemptOf(p, report);
        Settlement.Decision decision = Settlement.decide(standing(p), p.expectedSettlement(about), report);
        String message = switch (decision.action()) {
            case REFUSE -> "refused, " + decision.reason();
            case LOOK_UP, REFUND_CHARGE -> decision.reason();
            // An answer about an earlier attempt says so.
            default -> report.attempt() != 0 && about.number() != p.attemptNumber() && decision.reason() != null
                    ? decision.reason() + (result.message() == null ? "" : ": " + result.message()) : result.message();
        };
        em.persist(new PaymentTransactionEntity(UUID.randomUUID().toString(), p.id(), kind, result.status(),
                result.gatewayReference(), message, now));
        boolean refundRecorded = false;
        switch (decision.action()) {
            case SETTLE -> refundRecorded = settlePending(em, p, about, result, now);
            case REFUND_CHARGE -> {
                // The charge is that of the attempt the answer is about, and its refund goes to that attempt's
                // provider. An attempt whose charge was never named before (its answer came after another paid)
                // keeps what this answer says of it.
                if (report.source() != Settlement.Source.WEBHOOK && about.gatewayReference() == null
                        && about != p.payingAttempt()) {
                    p.answered(about, result.gatewayReference(), result.charged(), result.exchangeRate());
                }
                refunds.recordChargeRefund(em, p, about, result.gatewayReference() != null ? result.gatewayReference()
                        : report.reference(), decision.reason());
                refundRecorded = true;
            }
            case REFUSE -> LOG.warn("Payment {}: {} from {} {}", p.id(), kind, p.provider(), message);
            case NOTHING -> {
                if (decision.alarming()) {
                    LOG.warn("Payment {} of order {}: {}", p.id(), p.orderId(), decision.reason());
                }
            }
            case LOOK_UP -> {
                // recorded above; the caller asks the gateway once this commits
            }
        }
        em.flush();
        return new Settled(p.toPayment(PaymentTransactionEntity.ofPayment(em, p.id())), refundRecorded);
    }

    /**
     * The attempt a report is about: the one the call was made for, else the one whose charge it names,
     * else the latest.
     */
    static PaymentAttemptEntity attemptOf(PaymentEntity p, Settlement.Report report) {
        if (report.attempt() != 0) {
            return p.attempt(report.attempt());
        }
        PaymentAttemptEntity named = p.attemptWithReference(report.reference());
        return named != null ? named : p.currentAttempt();
    }

    static Settlement.Standing standing(PaymentEntity p) {
        PaymentAttemptEntity paying = p.payingAttempt();
        return new Settlement.Standing(p.status(), p.awaitingNewAttempt(), p.gatewayReference(), p.otherReferences(),
                p.attemptNumber(), paying == null ? 0 : paying.number());
    }

    /**
     * A pending payment takes the gateway's answer about attempt {@code about}: a success pays the payment
     * with that attempt's charge; anything else is about the latest attempt (see {@link Settlement}).
     * Returns whether a refund was recorded.
     */
    private boolean settlePending(EntityManager em, PaymentEntity p, PaymentAttemptEntity about, ProviderResult result,
            Instant now) {
        p.answered(about, result.gatewayReference(), result.charged(), result.exchangeRate());
        if (about.number() != p.attemptNumber() && result.status() != ProviderStatus.PROCESSED) {
            p.touched(now); // an earlier attempt's word that is no success moves nothing
            return false;
        }
        boolean refundRecorded = false;
        switch (result.status()) {
            case PROCESSED -> {
                p.succeeded(about, now);
                escrow(p);
                if (orders.summary(Caller.SYSTEM, p.orderId()).status() == OrderStatus.PENDING) {
                    orders.confirmPayment(p.orderId(), p.id());
                } else {
                    // The order was closed while the gateway was charging: the money goes straight back.
                    LOG.warn("Payment {} succeeded for order {}, which is closed: refunding it", p.id(), p.orderId());
                    refunds.record(em, p, "the order was closed before its payment settled", Caller.SYSTEM.userId());
                    ledger.orderCancelled(p.orderId(), null, p.amount());
                    refundRecorded = true;
                }
                events.announce(PaymentTopics.SUCCEEDED, p, null);
            }
            case ERROR, CANCELED -> {
                String reason = result.message() == null ? "declined by " + p.provider() : result.message();
                String code = result.status() == ProviderStatus.CANCELED ? DeclineCodes.CANCELED : result.declineCode();
                int number = p.attemptNumber();
                AttemptPolicy policy = attempts.get();
                p.declined(reason, code, now);
                if (policy.afterDecline(number) == AttemptPolicy.AfterDecline.AWAIT_NEW_ATTEMPT) {
                    events.announce(PaymentTopics.DECLINED, p, reason, Map.of(PaymentTopics.ATTEMPT, number,
                            PaymentTopics.ATTEMPTS_LEFT, policy.attemptsLeftAfter(number)));
                    return false;
                }
                p.failed(reason, now);
                if (orders.summary(Caller.SYSTEM, p.orderId()).status() == OrderStatus.PENDING) {
                    orders.cancel(Caller.SYSTEM, p.orderId(), CancellationReason.PAYMENT_FAILED, number == 1 ? reason
                            : reason + " (" + number + " attempts declined)");
                }
                events.announce(PaymentTopics.FAILED, p, reason);
            }
            case PENDING -> p.awaiting(result.nextAction(), now);
            case UNKNOWN -> p.touched(now);
        }
        return refundRecorded;
    }

    /**
     * The payment's money in its order's escrow, in the caller's transaction. Posted once per payment however
     * often it is called, so a cancellation may call it again to be sure the escrow holds what it refunds.
     */
    void escrow(PaymentEntity p) {
        Money charged = p.charged();
        Conversion conversion = charged == null || p.exchangeRate() == null ? null : new Conversion(charged, p.exchangeRate());
        ledger.paymentCaptured(p.orderId(), p.id(), p.provider(), p.amount(), conversion, p.test());
    }

    /** A look-up of {@code attempt}'s charge: under its key, with its reference and what its provider was to charge. */
    static PaymentLookup lookUpOf(PaymentEntity p, PaymentAttemptEntity attempt) {
        return new PaymentLookup(attempt.id(), p.orderId(), attempt.gatewayReference(), p.amount(), attempt.charged());
    }
}
