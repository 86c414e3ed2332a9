package org.souk.payment.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.Money;
import org.souk.common.api.UnavailableException;
import org.souk.common.api.ValidationException;
import org.souk.gateway.api.PaymentGateway;
import org.souk.gateway.spi.ProviderStatus;
import org.souk.ledger.api.LedgerService;
import org.souk.order.api.AgreedCancellation;
import org.souk.order.api.CancellationReason;
import org.souk.order.api.Dispute;
import org.souk.order.api.DisputeDecision;
import org.souk.order.api.DisputeService;
import org.souk.order.api.Order;
import org.souk.order.api.OrderService;
import org.souk.order.api.OrderStatus;
import org.souk.order.api.OrderSummary;
import org.souk.payment.api.AttemptStatus;
import org.souk.payment.api.Cancellation;
import org.souk.payment.api.DisputeResolution;
import org.souk.payment.api.PaymentStatus;
import org.souk.payment.api.PaymentTopics;
import org.souk.payment.api.Refund;
import org.souk.payment.api.TransactionKind;
import org.souk.persistence.Conflicts;

/**
 * Every way money goes back to the client: a cancellation (unpaid, under way, paid, or agreed by both
 * sides) and an administrator's refund after completion. The order's move, the ledger's posting and the
 * refund's record commit together; the gateway is asked for the refund after that.
 */
final class CancellationDesk {

    private static final Logger LOG = LoggerFactory.getLogger(CancellationDesk.class);
    /** A refund's reason is kept with it (500 characters) after a short prefix. */
    static final int MAX_REFUND_REASON = 450;

    private final JpaTemplate jpa;
    private final OrderService orders;
    private final DisputeService disputes;
    private final PaymentGateway gateway;
    private final Clock clock;
    private final RefundDesk refunds;
    private final LedgerService ledger;
    private final SettlementDesk settlement;
    private final PaymentEvents events;

    CancellationDesk(JpaTemplate jpa, OrderService orders, DisputeService disputes, PaymentGateway gateway, Clock clock,
            RefundDesk refunds, LedgerService ledger, SettlementDesk settlement, PaymentEvents events) {
        this.jpa = jpa;
        this.orders = orders;
        this.disputes = disputes;
        this.gateway = gateway;
        this.clock = clock;
        this.refunds = refunds;
        this.ledger = ledger;
        this.settlement = settlement;
        this.events = events;
    }

    Cancellation cancel(Caller caller, String orderId, CancellationReason reason, String note) {
        return cancel(caller, orderId, reason, note, null);
    }

    Cancellation cancel(Caller caller, String orderId, CancellationReason reason, String note, Money refund) {
        if (reason == null) {
            throw new ValidationException("reason", "is required: " + java.util.Arrays.toString(CancellationReason.values()));
        }
        if (refund != null && !caller.isAdmin()) {
            throw new ForbiddenException("Only an administrator decides the refund of a cancellation; either side of "
                    + "the order may propose one with a cancellation request");
        }
        orders.summary(caller, orderId); // visibility: someone else's order is not found
        PaymentEntity payment = jpa.txExpr(TransactionType.Supports, em -> PaymentEntity.ofOrder(em, orderId));
        if (refund != null) {
            checkRefund(refund, payment);
        }
        if (payment == null || payment.status() == PaymentStatus.FAILED) {
            try {
                return new Cancellation(jpa.txExpr(TransactionType.Required, em -> {
                    // Read again inside the transaction: a payment started meanwhile makes this a conflict.
                    PaymentEntity now = PaymentEntity.ofOrder(em, orderId);
                    if (now != null && now.status() != PaymentStatus.FAILED) {
                        throw new ConflictException("A payment of this order started meanwhile; reload and retry");
                    }
                    return orders.cancel(caller, orderId, reason, note);
                }), null);
            } catch (RuntimeException e) {
                throw Conflicts.translate(e, "The order was changed by another request at the same time; reload and retry");
            }
        }
        if (payment.status() == PaymentStatus.PENDING) {
            return cancelWhilePending(caller, orderId, reason, note, refund, payment);
        }
        // Paid: the order's cancellation and the refund's record commit together, then the gateway is asked.
        String why = reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + (note == null || note.isBlank() ? "" : ": " + note.trim());
        record Cancelled(Order order, String refundId) {
        }
        Money back = refund == null ? payment.amount() : refund;
        Cancelled cancelled;
        try {
            cancelled = jpa.txExpr(TransactionType.Required, em -> {
                Order o = orders.cancel(caller, orderId, reason, note);
                PaymentEntity paid = em.find(PaymentEntity.class, payment.id());
                settlement.escrow(paid);
                ledger.orderCancelled(orderId, paid.freelancerId(), back);
                String refundId = back.isZero() ? null : refunds.record(em, paid, back, why, caller.userId());
                em.flush();
                return new Cancelled(o, refundId);
            });
        } catch (RuntimeException e) {
            throw Conflicts.translate(e, "The order was changed by another request at the same time; reload and retry");
        }
        return new Cancellation(cancelled.order(), cancelled.refundId() == null ? null : refunds.ask(cancelled.refundId(), false));
    }

    /**
     * The payment is under way: the gateway is asked once more, since it may have settled meanwhile. If it
     * has, the cancellation goes on as for a paid or failed payment; if it is still unsettled, the payment
     * fails and the order is cancelled in one transaction, and a success the gateway reports later is
     * refunded (see {@link Settlement}).
     */
    private Cancellation cancelWhilePending(Caller caller, String orderId, CancellationReason reason, String note, Money refund,
            PaymentEntity payment) {
        try {
            PaymentAttemptEntity attempt = payment.currentAttempt();
            settlement.apply(payment.id(), attempt.number(), TransactionKind.STATUS_CHECK,
                    gateway.fetch(attempt.provider(), SettlementDesk.lookUpOf(payment, attempt)));
        } catch (UnavailableException e) {
            LOG.info("Payment {} cannot be looked up before cancelling order {} ({}); it is failed as unsettled",
                    payment.id(), orderId, e.getMessage());
        }
        PaymentEntity now = jpa.txExpr(TransactionType.Supports, em -> em.find(PaymentEntity.class, payment.id()));
        if (now.status() != PaymentStatus.PENDING) {
            return cancel(caller, orderId, reason, note, refund); // settled meanwhile: as decided for a paid order
        }
        String why = "not settled when the order was cancelled (" + reason.name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' ') + ")";
        try {
            return new Cancellation(jpa.txExpr(TransactionType.Required, em -> {
                PaymentEntity p = em.find(PaymentEntity.class, payment.id());
                if (p.status() != PaymentStatus.PENDING) {
                    throw new ConflictException("The payment settled meanwhile; reload and retry");
                }
                Order cancelled = orders.cancel(caller, orderId, reason, note);
                PaymentAttemptEntity unsettled = p.currentAttempt().status() == AttemptStatus.PENDING
                        ? p.currentAttempt() : null;
                p.failed(why, clock.instant());
                if (unsettled != null) {
                    // Its gateway may still take the charge: reconciliation asks again (see Reconciler), and a
                    // late success is refunded as a charge for nothing.
                    unsettled.recheckFrom(clock.instant().plus(Reconciler.FIRST_RECHECK));
                }
                em.persist(new PaymentTransactionEntity(UUID.randomUUID().toString(), p.id(), TransactionKind.STATUS_CHECK,
                        ProviderStatus.CANCELED, p.gatewayReference(), "failed by Souk: " + why, clock.instant()));
                em.flush();
                events.announce(PaymentTopics.FAILED, p, why);
                return cancelled;
            }), null);
        } catch (RuntimeException e) {
            throw Conflicts.translate(e, "The order was changed by another request at the same time; reload and retry");
        }
    }

    Cancellation acceptCancellation(Caller caller, String orderId, String note) {
        orders.summary(caller, orderId); // visibility: someone else's order is not found
        record Agreed(Order order, String refundId) {
        }
        Agreed agreed;
        try {
            // The agreement, the order's cancellation and the refund's record commit together.
            agreed = jpa.txExpr(TransactionType.Required, em -> {
                AgreedCancellation agreement = orders.acceptCancellation(caller, orderId, note);
                PaymentEntity p = PaymentEntity.ofOrder(em, orderId);
                if (p != null && p.status() == PaymentStatus.SUCCESS) {
                    settlement.escrow(p);
                    ledger.orderCancelled(orderId, p.freelancerId(), agreement.refund());
                }
                String refundId = null;
                if (!agreement.refund().isZero()) {
                    if (p == null || p.status() != PaymentStatus.SUCCESS) {
                        LOG.warn("Order {} was cancelled by agreement with a refund of {}, but it has no settled payment "
                                + "to refund", orderId, agreement.refund());
                    } else {
                        refundId = refunds.record(em, p, agreement.refund(), "mutual agreement: "
                                + agreement.request().reason(), caller.userId());
                    }
                }
                em.flush();
                return new Agreed(agreement.order(), refundId);
            });
        } catch (RuntimeException e) {
            throw Conflicts.translate(e, "The cancellation request was answered by another request at the same time; reload");
        }
        return new Cancellation(agreed.order(), agreed.refundId() == null ? null : refunds.ask(agreed.refundId(), false));
    }

    /**
     * An administrator's decision of a dispute. The decision, the order's move and, for a cancellation, the
     * ledger's posting and the refund's record commit together; the gateway is asked for the refund after.
     */
    DisputeResolution resolveDispute(Caller caller, String disputeId, DisputeDecision decision, Money refund,
            Instant dueAt, String note) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only an administrator decides a dispute");
        }
        record Decided(Dispute dispute, String refundId) {
        }
        Decided decided;
        try {
            decided = jpa.txExpr(TransactionType.Required, em -> {
                Dispute d = disputes.resolve(caller, disputeId, decision, refund, dueAt, note);
                String refundId = null;
                if (decision == DisputeDecision.CANCEL) {
                    PaymentEntity p = PaymentEntity.ofOrder(em, d.orderId());
                    if (p != null && p.status() == PaymentStatus.SUCCESS) {
                        settlement.escrow(p);
                        ledger.orderCancelled(d.orderId(), p.freelancerId(), d.refund());
                        if (!d.refund().isZero()) {
                            refundId = refunds.record(em, p, d.refund(), "dispute decided: " + d.note(), caller.userId());
                        }
                    } else if (!d.refund().isZero()) {
                        throw new ValidationException("refund", "the order has no settled payment to refund");
                    }
                }
                em.flush();
                return new Decided(d, refundId);
            });
        } catch (RuntimeException e) {
            throw Conflicts.translate(e, "The dispute was decided by another request at the same time; reload");
        }
        Refund refunded = decided.refundId() == null ? null : refunds.ask(decided.refundId(), false);
        return new DisputeResolution(decided.dispute(), orders.get(caller, decided.dispute().orderId()), refunded);
    }

    Refund refundCompleted(Caller caller, String orderId, Money amount, String reason) {
        return refundCompleted(caller, orderId, amount, reason, refundId -> { });
    }

    /** As above; {@code recorded} is told the refund's id inside the transaction that records it (to audit it). */
    Refund refundCompleted(Caller caller, String orderId, Money amount, String reason,
            java.util.function.Consumer<String> recorded) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only an administrator refunds a completed order");
        }
        ValidationException.Collector errors = new ValidationException.Collector();
        if (amount == null || amount.isZero()) {
            errors.add("amount", "is required and above zero");
        }
        if (reason == null || reason.isBlank()) {
            errors.add("reason", "say why, for the client and the freelancer");
        } else if (reason.length() > MAX_REFUND_REASON) {
            errors.add("reason", "must be at most " + MAX_REFUND_REASON + " characters");
        }
        errors.throwIfAny();
        OrderSummary order = orders.summary(caller, orderId);
        if (order.status() != OrderStatus.COMPLETED) {
            throw ConflictException.typed("order-not-completed", "Order " + orderId + " is " + order.status()
                    + ": a refund after completion is for completed orders; cancel the others");
        }
        String refundId;
        try {
            refundId = jpa.txExpr(TransactionType.Required, em -> {
                PaymentEntity p = PaymentEntity.ofOrder(em, orderId);
                if (p == null || p.status() != PaymentStatus.SUCCESS) {
                    throw new ValidationException("amount", "the order has no settled payment to refund");
                }
                if (!amount.currency().equals(p.amount().currency())) {
                    throw new ValidationException("amount", "must be in the order's currency, " + p.amount().currency());
                }
                long refunded = refunds.refundedOfPayment(orderId);
                if (amount.minor() > p.amount().minor() - refunded) {
                    throw new ValidationException("amount", "at most what is left to refund, "
                            + new Money(p.amount().minor() - refunded, p.amount().currency()));
                }
                p.touched(clock.instant()); // two refunds of one order at once: the payment's version lets one through
                String id = refunds.record(em, p, amount, "after completion: " + reason.trim(), caller.userId());
                em.flush();
                ledger.clawback(orderId, id, amount);
                recorded.accept(id);
                return id;
            });
        } catch (RuntimeException e) {
            throw Conflicts.translate(e, "The order was refunded by another request at the same time; reload and retry");
        }
        return refunds.ask(refundId, false);
    }

    /** An administrator's refund: the order's currency, at most what was paid, and only of a paid order. */
    static void checkRefund(Money refund, PaymentEntity payment) {
        if (payment == null || payment.status() != PaymentStatus.SUCCESS) {
            if (!refund.isZero()) {
                throw new ValidationException("refund", "the order is not paid: there is nothing to refund");
            }
            return;
        }
        if (!refund.currency().equals(payment.amount().currency())) {
            throw new ValidationException("refund.currency", "must be the order's currency, " + payment.amount().currency());
        }
        if (refund.minor() > payment.amount().minor()) {
            throw new ValidationException("refund.amount", "must be at most what was paid, "
                    + payment.amount().toDecimalString() + " " + payment.amount().currency());
        }
    }
}
