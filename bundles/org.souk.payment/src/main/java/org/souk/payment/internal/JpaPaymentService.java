package org.souk.payment.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.sql.DataSource;
import javax.transaction.TransactionManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.Money;
import org.souk.common.api.UnauthorizedException;
import org.souk.common.api.UnavailableException;
import org.souk.common.api.ValidationException;
import org.souk.gateway.api.AvailableMethod;
import org.souk.gateway.api.PaymentGateway;
import org.souk.gateway.spi.PaymentLookup;
import org.souk.gateway.spi.PaymentRequest;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.ProviderStatus;
import org.souk.gateway.spi.RefundRequest;
import org.souk.gateway.spi.RefundResult;
import org.souk.gateway.spi.WebhookEvent;
import org.souk.gateway.spi.WebhookRejectedException;
import org.souk.gateway.spi.WebhookRequest;
import org.souk.ledger.api.Conversion;
import org.souk.ledger.api.LedgerService;
import org.souk.order.api.AgreedCancellation;
import org.souk.order.api.CancellationReason;
import org.souk.order.api.Order;
import org.souk.order.api.OrderService;
import org.souk.order.api.OrderStatus;
import org.souk.order.api.OrderSummary;
import org.souk.payment.api.AttemptStatus;
import org.souk.payment.api.Cancellation;
import org.souk.payment.api.PayOrder;
import org.souk.payment.api.Payment;
import org.souk.payment.api.PaymentService;
import org.souk.payment.api.PaymentStatus;
import org.souk.payment.api.PaymentTopics;
import org.souk.payment.api.PaymentTransaction;
import org.souk.payment.api.ReconciliationReport;
import org.souk.payment.api.Refund;
import org.souk.payment.api.RefundStatus;
import org.souk.payment.api.TransactionKind;
import org.souk.payment.api.WebhookOutcome;
import org.souk.persistence.AfterCommit;
import org.souk.persistence.Conflicts;
import org.souk.persistence.SchemaMigrator;

/**
 * Payments in the {@code payment*} tables. The payment row is committed PENDING before the gateway is
 * called, so a crash in between leaves a payment to reconcile, never a charge without a record. The
 * settlement (payment SUCCESS or FAILED) and the order's move run in one JTA transaction: both commit or
 * neither does.
 *
 * <p>A payment has attempts: a declined one leaves it PENDING and the client pays again, each attempt a charge
 * of its own at the gateway (see {@link PaymentAttemptEntity}), until {@code payment.max.attempts} of the
 * order lifecycle's settings were declined.
 */
// Refunds are retried on reconciliation's runs, by its settings; attempts follow the order lifecycle's.
@Component(configurationPid = {"org.souk.payment.reconciliation", "org.souk.order.lifecycle"})
public class JpaPaymentService implements PaymentService {

    /** The order lifecycle's settings that payments follow (described, with metatype, by the order bundle). */
    public @interface LifecycleSettings {
        int payment_max_attempts() default 3;
    }

    private static final Logger LOG = LoggerFactory.getLogger(JpaPaymentService.class);
    /** Payments asked about per run; the oldest first, the rest on the next run. */
    private static final int RECONCILE_BATCH = 500;
    /** Limits on a payment's details: they go to a gateway and into no column, but they are the caller's input. */
    static final int MAX_DETAILS = 32;
    static final int MAX_DETAIL_NAME = 64;
    static final int MAX_DETAIL_VALUE = 1_000;
    /** A refund's reason is kept with it (500 characters) after a short prefix. */
    static final int MAX_REFUND_REASON = 450;

    private final JpaTemplate jpa;
    private final OrderService orders;
    private final PaymentGateway gateway;
    private final EventAdmin events;
    private final AfterCommit afterCommit;
    private final Clock clock;
    private final RefundDesk refunds;
    private final LedgerService ledger;
    private volatile AttemptPolicy attempts;

    @Activate
    public JpaPaymentService(@Reference(target = "(osgi.unit.name=souk-payment)") JpaTemplate jpa,
            @Reference(target = "(osgi.jndi.service.name=souk)") DataSource dataSource, @Reference OrderService orders,
            @Reference PaymentGateway gateway, @Reference EventAdmin events, @Reference TransactionManager transactions,
            @Reference LedgerService ledger, ScheduledReconciliation.Config config, LifecycleSettings lifecycle) {
        new SchemaMigrator(dataSource, "payment", JpaPaymentService.class.getClassLoader()).migrate();
        this.jpa = jpa;
        this.orders = orders;
        this.gateway = gateway;
        this.events = events;
        this.afterCommit = new AfterCommit(transactions);
        this.clock = Clock.systemUTC();
        this.ledger = ledger;
        this.refunds = new RefundDesk(jpa, gateway, clock, retryPolicy(config), ledger);
        this.attempts = attemptPolicy(lifecycle);
    }

    @Modified
    void modified(ScheduledReconciliation.Config config, LifecycleSettings lifecycle) {
        refunds.retryWith(retryPolicy(config));
        attempts = attemptPolicy(lifecycle);
    }

    private static AttemptPolicy attemptPolicy(LifecycleSettings lifecycle) {
        try {
            return new AttemptPolicy(lifecycle.payment_max_attempts());
        } catch (RuntimeException e) {
            LOG.warn("payment.max.attempts is not valid ({}); using {}", e.getMessage(), AttemptPolicy.DEFAULT.maxAttempts());
            return AttemptPolicy.DEFAULT;
        }
    }

    private static RefundRetryPolicy retryPolicy(ScheduledReconciliation.Config config) {
        try {
            return new RefundRetryPolicy(Duration.parse(config.refund_retry_first()),
                    Duration.parse(config.refund_retry_longest()), config.refund_retry_attempts());
        } catch (RuntimeException e) {
            LOG.warn("Refund retry settings are not valid ({}); using {}", e.getMessage(), RefundRetryPolicy.DEFAULT);
            return RefundRetryPolicy.DEFAULT;
        }
    }

    @Override
    public Payment pay(Caller caller, PayOrder request) {
        ValidationException.Collector errors = new ValidationException.Collector();
        if (request == null) {
            throw new ValidationException("body", "a payment request is required");
        }
        if (request.orderId() == null || request.orderId().isBlank()) {
            errors.add("orderId", "is required");
        }
        if (request.method() == null || request.method().isBlank()) {
            errors.add("method", "is required; see GET /api/v1/payment-methods");
        }
        checkDetailsShape(request.details(), errors);
        errors.throwIfAny();

        OrderSummary order = orders.summary(caller, request.orderId());
        if (!order.clientId().equals(caller.userId())) {
            throw new ForbiddenException("Only the order's client pays it");
        }
        if (order.status() != OrderStatus.PENDING) {
            throw new ConflictException("The order is " + order.status() + "; only a PENDING order can be paid");
        }
        String providerId = gateway.providerOf(request.method());
        AvailableMethod method = gateway.methods().stream().filter(m -> m.id().equals(request.method())).findFirst()
                .orElseThrow(() -> new ValidationException("method", "no live payment method '" + request.method() + "'"));
        if (!method.currencies().contains(order.total().currency())) {
            throw new ValidationException("method", request.method() + " does not take " + order.total().currency());
        }
        // Missing or malformed details are the caller's mistake, not a declined payment: nothing is recorded.
        List<org.souk.common.api.FieldError> detailErrors = gateway.checkDetails(providerId, request.method(),
                request.details());
        if (!detailErrors.isEmpty()) {
            throw new ValidationException(detailErrors);
        }

        PaymentEntity existing = jpa.txExpr(TransactionType.Supports, em -> paymentOf(em, order.id()));
        String paymentId;
        int number;
        if (existing == null) {
            paymentId = UUID.randomUUID().toString();
            create(new PaymentEntity(paymentId, order.id(), order.clientId(), order.freelancerId(), order.total(),
                    request.method(), providerId, method.test(), clock.instant()));
            number = 1;
        } else {
            paymentId = existing.id();
            number = startAttempt(paymentId, request.method(), providerId, method.test());
        }
        String key = PaymentAttemptEntity.key(paymentId, number);
        // Each attempt is its own charge: its key is the id and idempotency key the gateway sees, so a new
        // attempt is never answered with an earlier one's decline.
        PaymentRequest charge = new PaymentRequest(key, order.id(), request.method(), order.total(),
                "Souk order " + order.id() + ": " + order.gigTitle() + " (" + order.tier() + ")",
                request.details(), key);
        ProviderResult result = gateway.initiate(providerId, charge);
        // The answer is about this attempt, whatever happened to the payment while the gateway was charging.
        return apply(paymentId, number, TransactionKind.INITIATE, result);
    }

    /** A new attempt on the order's payment, allowed only while its latest one is declined; returns its number. */
    private int startAttempt(String paymentId, String method, String providerId, boolean test) {
        AttemptPolicy policy = attempts;
        try {
            return jpa.txExpr(TransactionType.Required, em -> {
                PaymentEntity p = em.find(PaymentEntity.class, paymentId);
                AttemptPolicy.Refusal refusal = policy.refusalToPayAgain(p.status(), p.currentAttempt().status(),
                        p.attemptNumber());
                if (refusal != null) {
                    throw ConflictException.typed(refusal.problemType(), refusal.message());
                }
                PaymentAttemptEntity attempt = p.startAttempt(method, providerId, test, clock.instant());
                em.flush();
                return attempt.number();
            });
        } catch (RuntimeException e) {
            throw Conflicts.translate(e, "Another attempt to pay this order started at the same time; reload and retry");
        }
    }

    /** Names, values and count of a payment's details, before any provider sees them. */
    static void checkDetailsShape(Map<String, String> details, ValidationException.Collector errors) {
        if (details.size() > MAX_DETAILS) {
            errors.add("details", "at most " + MAX_DETAILS + " entries");
            return;
        }
        details.forEach((name, value) -> {
            String field = "details." + (name == null ? "" : name.length() > MAX_DETAIL_NAME
                    ? name.substring(0, MAX_DETAIL_NAME) + "…" : name);
            if (name == null || name.isBlank() || name.length() > MAX_DETAIL_NAME) {
                errors.add(field, "a detail's name is 1 to " + MAX_DETAIL_NAME + " characters");
            } else if (value == null) {
                errors.add(field, "must not be null");
            } else if (value.length() > MAX_DETAIL_VALUE) {
                errors.add(field, "must be at most " + MAX_DETAIL_VALUE + " characters");
            }
        });
    }

    private void create(PaymentEntity payment) {
        try {
            jpa.tx(TransactionType.Required, em -> {
                if (paymentOf(em, payment.orderId()) != null) {
                    throw new ConflictException("The order already has a payment");
                }
                em.persist(payment);
                em.flush();
            });
        } catch (RuntimeException e) {
            throw Conflicts.translate(e, "The order already has a payment");
        }
    }

    /** What one settlement did: the payment after it, and whether it recorded a refund to ask for. */
    private record Settled(Payment payment, boolean refundRecorded) {
    }

    /**
     * Records the gateway's answer to a call made for attempt {@code attempt} and settles the payment with it;
     * retried once if a concurrent settlement won.
     */
    Payment apply(String paymentId, int attempt, TransactionKind kind, ProviderResult result) {
        return applyReport(paymentId, kind, result, new Settlement.Report(result.status(), result.gatewayReference(), null,
                Settlement.Source.LOOK_UP, attempt)).payment();
    }

    private Settled applyReport(String paymentId, TransactionKind kind, ProviderResult result, Settlement.Report report) {
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
    private Settled settle(EntityManager em, PaymentEntity p, TransactionKind kind, ProviderResult result,
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
        return new Settled(p.toPayment(transactions(em, p.id())), refundRecorded);
    }

    /**
     * The attempt a report is about: the one the call was made for, else the one whose charge it names,
     * else the latest.
     */
    private static PaymentAttemptEntity attemptOf(PaymentEntity p, Settlement.Report report) {
        if (report.attempt() != 0) {
            return p.attempt(report.attempt());
        }
        PaymentAttemptEntity named = p.attemptWithReference(report.reference());
        return named != null ? named : p.currentAttempt();
    }

    private static Settlement.Standing standing(PaymentEntity p) {
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
                announce(PaymentTopics.SUCCEEDED, p, null);
            }
            case ERROR, CANCELED -> {
                String reason = result.message() == null ? "declined by " + p.provider() : result.message();
                int number = p.attemptNumber();
                AttemptPolicy policy = attempts;
                p.declined(reason, now);
                if (policy.afterDecline(number) == AttemptPolicy.AfterDecline.AWAIT_NEW_ATTEMPT) {
                    announce(PaymentTopics.DECLINED, p, reason, Map.of(PaymentTopics.ATTEMPT, number,
                            PaymentTopics.ATTEMPTS_LEFT, policy.attemptsLeftAfter(number)));
                    return false;
                }
                p.failed(reason, now);
                if (orders.summary(Caller.SYSTEM, p.orderId()).status() == OrderStatus.PENDING) {
                    orders.cancel(Caller.SYSTEM, p.orderId(), CancellationReason.PAYMENT_FAILED, number == 1 ? reason
                            : reason + " (" + number + " attempts declined)");
                }
                announce(PaymentTopics.FAILED, p, reason);
            }
            case PENDING -> p.awaiting(result.nextAction(), now);
            case UNKNOWN -> p.touched(now);
        }
        return refundRecorded;
    }

    @Override
    public ReconciliationReport reconcile(Duration pendingFor) {
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
                answer = gateway.fetch(attempt.provider(), lookUpOf(p, attempt));
            } catch (UnavailableException e) {
                absent++;
                continue;
            }
            try {
                switch (apply(p.id(), attempt.number(), TransactionKind.STATUS_CHECK, answer).status()) {
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

    @Override
    public Cancellation cancel(Caller caller, String orderId, CancellationReason reason, String note) {
        return cancel(caller, orderId, reason, note, null);
    }

    @Override
    public Cancellation cancel(Caller caller, String orderId, CancellationReason reason, String note, Money refund) {
        if (reason == null) {
            throw new ValidationException("reason", "is required: " + java.util.Arrays.toString(CancellationReason.values()));
        }
        if (refund != null && !caller.isAdmin()) {
            throw new ForbiddenException("Only an administrator decides the refund of a cancellation; either side of "
                    + "the order may propose one with a cancellation request");
        }
        orders.summary(caller, orderId); // visibility: someone else's order is not found
        PaymentEntity payment = jpa.txExpr(TransactionType.Supports, em -> paymentOf(em, orderId));
        if (refund != null) {
            checkRefund(refund, payment);
        }
        if (payment == null || payment.status() == PaymentStatus.FAILED) {
            try {
                return new Cancellation(jpa.txExpr(TransactionType.Required, em -> {
                    // Read again inside the transaction: a payment started meanwhile makes this a conflict.
                    PaymentEntity now = paymentOf(em, orderId);
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
                escrow(paid);
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
     * The payment's money in its order's escrow, in the caller's transaction. Posted once per payment however
     * often it is called, so a cancellation may call it again to be sure the escrow holds what it refunds.
     */
    private void escrow(PaymentEntity p) {
        Money charged = p.charged();
        ledger.paymentCaptured(p.orderId(), p.id(), p.provider(), p.amount(),
                charged == null || p.exchangeRate() == null ? null : new Conversion(charged, p.exchangeRate()));
    }

    /** An administrator's refund: the order's currency, at most what was paid, and only of a paid order. */
    private static void checkRefund(Money refund, PaymentEntity payment) {
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

    @Override
    public Refund refundCompleted(Caller caller, String orderId, Money amount, String reason) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only an administrator refunds a completed order");
        }
        ValidationException.Collector errors = new ValidationException.Collector();
        if (amount == null || amount.isZero()) {
            errors.add("amount", "is required and above zero");
        }
        if (reason == null || reason.isBlank()) {
            errors.add("reason", "say why, for the client and the freelancer");
        } else if (reason.length() > JpaPaymentService.MAX_REFUND_REASON) {
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
                PaymentEntity p = paymentOf(em, orderId);
                if (p == null || p.status() != PaymentStatus.SUCCESS) {
                    throw new ValidationException("amount", "the order has no settled payment to refund");
                }
                if (!amount.currency().equals(p.amount().currency())) {
                    throw new ValidationException("amount", "must be in the order's currency, " + p.amount().currency());
                }
                long refunded = refunds.ofOrder(orderId).stream().mapToLong(r -> r.amount().minor()).sum();
                if (amount.minor() > p.amount().minor() - refunded) {
                    throw new ValidationException("amount", "at most what is left to refund, "
                            + new Money(p.amount().minor() - refunded, p.amount().currency()));
                }
                p.touched(clock.instant()); // two refunds of one order at once: the payment's version lets one through
                String id = refunds.record(em, p, amount, "after completion: " + reason.trim(), caller.userId());
                em.flush();
                ledger.clawback(orderId, id, amount);
                return id;
            });
        } catch (RuntimeException e) {
            throw Conflicts.translate(e, "The order was refunded by another request at the same time; reload and retry");
        }
        return refunds.ask(refundId, false);
    }

    @Override
    public Cancellation acceptCancellation(Caller caller, String orderId, String note) {
        orders.summary(caller, orderId); // visibility: someone else's order is not found
        record Agreed(Order order, String refundId) {
        }
        Agreed agreed;
        try {
            // The agreement, the order's cancellation and the refund's record commit together.
            agreed = jpa.txExpr(TransactionType.Required, em -> {
                AgreedCancellation agreement = orders.acceptCancellation(caller, orderId, note);
                PaymentEntity p = paymentOf(em, orderId);
                if (p != null && p.status() == PaymentStatus.SUCCESS) {
                    escrow(p);
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
     * The payment is under way: the gateway is asked once more, since it may have settled meanwhile. If it
     * has, the cancellation goes on as for a paid or failed payment; if it is still unsettled, the payment
     * fails and the order is cancelled in one transaction, and a success the gateway reports later is
     * refunded (see {@link Settlement}).
     */
    private Cancellation cancelWhilePending(Caller caller, String orderId, CancellationReason reason, String note, Money refund,
            PaymentEntity payment) {
        try {
            PaymentAttemptEntity attempt = payment.currentAttempt();
            apply(payment.id(), attempt.number(), TransactionKind.STATUS_CHECK,
                    gateway.fetch(attempt.provider(), lookUpOf(payment, attempt)));
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
                p.failed(why, clock.instant());
                em.persist(new PaymentTransactionEntity(UUID.randomUUID().toString(), p.id(), TransactionKind.STATUS_CHECK,
                        ProviderStatus.CANCELED, p.gatewayReference(), "failed by Souk: " + why, clock.instant()));
                em.flush();
                announce(PaymentTopics.FAILED, p, why);
                return cancelled;
            }), null);
        } catch (RuntimeException e) {
            throw Conflicts.translate(e, "The order was changed by another request at the same time; reload and retry");
        }
    }

    @Override
    public List<Refund> refunds(Caller caller, String orderId) {
        orders.summary(caller, orderId);
        return refunds.ofOrder(orderId);
    }

    @Override
    public List<Refund> refundsIn(RefundStatus status, int limit) {
        return refunds.in(status, Math.max(1, Math.min(limit, 500)));
    }

    @Override
    public List<Refund> refundsNeedingAttention(int limit) {
        return refunds.needingAttention(Math.max(1, Math.min(limit, 500)));
    }

    @Override
    public Refund retryRefund(Caller caller, String refundId) {
        return refunds.askNow(caller, refundId);
    }

    @Override
    public Refund completeManualRefund(Caller caller, String refundId, String note) {
        return refunds.completeByHand(caller, refundId, note);
    }

    private static PaymentEntity paymentOf(EntityManager em, String orderId) {
        return em.createQuery("SELECT p FROM PaymentEntity p WHERE p.orderId = :order", PaymentEntity.class)
                .setParameter("order", orderId).getResultList().stream().findFirst().orElse(null);
    }

    @Override
    public Optional<Payment> findByOrder(Caller caller, String orderId) {
        orders.summary(caller, orderId); // visibility: someone else's order is not found
        return jpa.txExpr(TransactionType.Supports,
                em -> Optional.ofNullable(paymentOf(em, orderId)).map(p -> p.toPayment(transactions(em, p.id()))));
    }

    @Override
    public WebhookOutcome handleWebhook(String providerId, Map<String, List<String>> headers, byte[] body) {
        WebhookEvent event;
        try {
            event = gateway.verifyWebhook(providerId, new WebhookRequest(headers, body));
        } catch (WebhookRejectedException e) {
            LOG.debug("Webhook of '{}' rejected: {}", providerId, e.getMessage());
            throw new UnauthorizedException("Webhook rejected: " + e.getMessage());
        }
        if (event.status() == ProviderStatus.UNKNOWN) {
            // Verified, but the gateway could not confirm it just now: not recorded, so its retry is not a duplicate.
            throw new UnavailableException("The gateway could not confirm event " + event.eventId() + " yet; retry later");
        }
        if (seen(providerId, event.eventId())) {
            return WebhookOutcome.DUPLICATE;
        }
        Intake intake;
        try {
            intake = jpa.txExpr(TransactionType.Required, em -> applyWebhook(em, providerId, event));
        } catch (RuntimeException e) {
            if (Conflicts.isConflict(e) && seen(providerId, event.eventId())) {
                return WebhookOutcome.DUPLICATE;
            }
            throw Conflicts.translate(e, "The payment was changed by another request at the same time; retry");
        }
        if (intake.refundRecorded()) {
            refunds.askDue(intake.paymentId());
        }
        if (intake.action() == Settlement.Action.LOOK_UP) {
            return confirm(providerId, event, intake);
        }
        if (intake.outcome() == WebhookOutcome.APPLIED && event.status() == ProviderStatus.PENDING) {
            lookUpNow(providerId, event, intake.paymentId());
        }
        return intake.outcome();
    }

    /** What a webhook did in its transaction. */
    private record Intake(WebhookOutcome outcome, Settlement.Action action, String paymentId, PaymentStatus before,
            boolean refundRecorded) {
    }

    /**
     * A webhook that says "under way" (a PayPal approval, say) is the moment to ask the gateway, which may
     * complete the payment now (PayPal captures on look-up) instead of at the next reconciliation.
     */
    private void lookUpNow(String providerId, WebhookEvent event, String paymentId) {
        PaymentEntity p = jpa.txExpr(TransactionType.Supports, em -> em.find(PaymentEntity.class, paymentId));
        if (p == null || p.status() != PaymentStatus.PENDING) {
            return;
        }
        try {
            PaymentAttemptEntity attempt = p.currentAttempt();
            ProviderResult answer = gateway.fetch(providerId, lookUpOf(p, attempt));
            apply(p.id(), attempt.number(), TransactionKind.STATUS_CHECK, answer);
        } catch (RuntimeException e) {
            LOG.info("Look-up of payment {} after webhook {} failed ({}); reconciliation will retry", p.id(),
                    event.eventId(), e.getMessage());
        }
    }

    /**
     * A success the event alone cannot settle (it names no amount, or another charge than the payment's):
     * the gateway is asked about the charge the event names, with the payment's id and amount, and its
     * own answer decides. The event counts as seen only once that answer is in; while the gateway cannot
     * say, a payment no reconciliation will look at again answers 503 so that the gateway redelivers.
     */
    private WebhookOutcome confirm(String providerId, WebhookEvent event, Intake intake) {
        PaymentEntity p = jpa.txExpr(TransactionType.Supports, em -> em.find(PaymentEntity.class, intake.paymentId()));
        String named = reportedReference(p, event);
        String asked = named != null ? named : p.gatewayReference();
        boolean otherCharge = asked != null && !asked.equals(p.gatewayReference())
                && (p.gatewayReference() != null || p.otherReferences().contains(asked));
        // The charge is asked about under the key of the attempt that made it, and with what it was to charge.
        PaymentAttemptEntity charge = p.attemptWithReference(asked);
        if (charge == null) {
            charge = p.currentAttempt();
        }
        ProviderResult answer = gateway.fetch(providerId, new PaymentLookup(charge.id(), p.orderId(), asked, p.amount(),
                charge.charged()));
        Settled settled;
        if (answer.status() == ProviderStatus.PROCESSED) {
            settled = applyReport(p.id(), TransactionKind.STATUS_CHECK, answer, new Settlement.Report(
                    ProviderStatus.PROCESSED, asked, p.expectedSettlement(charge), Settlement.Source.CONFIRMED, charge.number()));
        } else if (answer.status() == ProviderStatus.UNKNOWN && (otherCharge || p.status() != PaymentStatus.PENDING)) {
            throw new UnavailableException("The gateway could not confirm event " + event.eventId() + " yet; retry later");
        } else if (otherCharge || p.status() != PaymentStatus.PENDING) {
            // The gateway does not confirm the success the event named: recorded, nothing moves.
            LOG.warn("Payment {}: webhook event {} reported a success for {} that the gateway does not confirm ({})",
                    p.id(), event.eventId(), asked, answer.status());
            jpa.tx(TransactionType.Required, em -> em.persist(new PaymentTransactionEntity(UUID.randomUUID().toString(),
                    p.id(), TransactionKind.STATUS_CHECK, answer.status(), asked, "refused, the gateway does not confirm "
                    + "the success of event " + event.eventId() + ": " + (answer.message() == null ? "" : answer.message()),
                    clock.instant())));
            markSeen(providerId, event, p.id());
            return WebhookOutcome.REFUSED;
        } else {
            settled = applyReport(p.id(), TransactionKind.STATUS_CHECK, answer, new Settlement.Report(answer.status(),
                    answer.gatewayReference(), null, Settlement.Source.LOOK_UP, charge.number()));
        }
        markSeen(providerId, event, p.id());
        return settled.payment().status() != intake.before() || settled.refundRecorded() ? WebhookOutcome.APPLIED
                : WebhookOutcome.IGNORED;
    }

    private void markSeen(String providerId, WebhookEvent event, String paymentId) {
        try {
            jpa.tx(TransactionType.Required, em -> {
                em.persist(new WebhookEventEntity(providerId, event.eventId(), paymentId, clock.instant()));
                em.flush();
            });
        } catch (RuntimeException e) {
            if (!Conflicts.isConflict(e)) {
                throw e;
            }
            // the same event, delivered twice at once, was marked by the other delivery
        }
    }

    private Intake applyWebhook(EntityManager em, String providerId, WebhookEvent event) {
        PaymentEntity p = find(em, providerId, event);
        if (p == null) {
            em.persist(new WebhookEventEntity(providerId, event.eventId(), null, clock.instant()));
            em.flush();
            LOG.info("Webhook event {} of '{}' concerns no known payment; ignored", event.eventId(), providerId);
            return new Intake(WebhookOutcome.IGNORED, Settlement.Action.NOTHING, null, null, false);
        }
        PaymentStatus before = p.status();
        boolean declinedBefore = p.awaitingNewAttempt();
        Settlement.Report report = new Settlement.Report(event.status(), reportedReference(p, event), event.amount(),
                Settlement.Source.WEBHOOK);
        // A success's amount is checked against what the attempt whose charge it names was to settle.
        Settlement.Action action = Settlement.decide(standing(p), p.expectedSettlement(attemptOf(p, report)), report)
                .action();
        if (action != Settlement.Action.LOOK_UP) {
            // Seen now, so a redelivery is a duplicate; a look-up's event is marked once the gateway has answered.
            em.persist(new WebhookEventEntity(providerId, event.eventId(), p.id(), clock.instant()));
            em.flush();
        }
        Settled settled = settle(em, p, TransactionKind.WEBHOOK, new ProviderResult(event.status(),
                report.reference(), "webhook event " + event.eventId(), null), report);
        WebhookOutcome outcome = switch (action) {
            case REFUSE -> WebhookOutcome.REFUSED;
            case REFUND_CHARGE -> WebhookOutcome.APPLIED;
            // A decline that leaves the payment pending, awaiting a new attempt, was applied all the same.
            case SETTLE -> before == p.status() && declinedBefore == p.awaitingNewAttempt() && event.status().isFinal()
                    ? WebhookOutcome.IGNORED : WebhookOutcome.APPLIED;
            case LOOK_UP, NOTHING -> WebhookOutcome.IGNORED;
        };
        return new Intake(outcome, action, p.id(), before, settled.refundRecorded());
    }

    /**
     * The payment a webhook is about: by the payment id the gateway echoes (an attempt's key, the first
     * attempt's being the payment's id), else by the gateway reference of the payment or one of its attempts.
     */
    private static PaymentEntity find(EntityManager em, String providerId, WebhookEvent event) {
        if (event.paymentId() != null) {
            PaymentEntity p = em.find(PaymentEntity.class, event.paymentId());
            if (p != null && p.provider().equals(providerId)) {
                return p;
            }
            PaymentAttemptEntity attempt = em.find(PaymentAttemptEntity.class, event.paymentId());
            if (attempt != null && attempt.provider().equals(providerId)) {
                return attempt.payment();
            }
        }
        if (event.gatewayReference() != null) {
            PaymentEntity p = em.createQuery(
                    "SELECT p FROM PaymentEntity p WHERE p.provider = :provider AND p.gatewayReference = :ref",
                    PaymentEntity.class).setParameter("provider", providerId).setParameter("ref", event.gatewayReference())
                    .getResultList().stream().findFirst().orElse(null);
            if (p != null) {
                return p;
            }
            return em.createQuery("SELECT a FROM PaymentAttemptEntity a WHERE a.provider = :provider"
                    + " AND a.gatewayReference = :ref", PaymentAttemptEntity.class).setParameter("provider", providerId)
                    .setParameter("ref", event.gatewayReference()).getResultList().stream().findFirst()
                    .map(PaymentAttemptEntity::payment).orElse(null);
        }
        return null;
    }

    /** A look-up of {@code attempt}'s charge: under its key, with its reference and what its provider was to charge. */
    private static PaymentLookup lookUpOf(PaymentEntity p, PaymentAttemptEntity attempt) {
        return new PaymentLookup(attempt.id(), p.orderId(), attempt.gatewayReference(), p.amount(), attempt.charged());
    }

    /**
     * The charge a webhook names: its gateway reference, or, when it names none but echoes an earlier
     * attempt's key, that attempt's reference (a word about an earlier attempt is never taken for the latest's).
     */
    private static String reportedReference(PaymentEntity p, WebhookEvent event) {
        if (event.gatewayReference() != null) {
            return event.gatewayReference();
        }
        PaymentAttemptEntity attempt = p.attemptWithKey(event.paymentId());
        return attempt != null && attempt.number() != p.attemptNumber() ? attempt.gatewayReference() : null;
    }

    private boolean seen(String providerId, String eventId) {
        return jpa.txExpr(TransactionType.Supports,
                em -> em.find(WebhookEventEntity.class, providerId + ":" + eventId) != null);
    }

    private static List<PaymentTransaction> transactions(EntityManager em, String paymentId) {
        return em.createQuery("SELECT t FROM PaymentTransactionEntity t WHERE t.paymentId = :p ORDER BY t.at, t.id",
                PaymentTransactionEntity.class).setParameter("p", paymentId).getResultList().stream()
                .map(PaymentTransactionEntity::toTransaction).toList();
    }

    private void announce(String topic, PaymentEntity p, String reason) {
        announce(topic, p, reason, Map.of());
    }

    private void announce(String topic, PaymentEntity p, String reason, Map<String, Object> more) {
        Map<String, Object> props = new HashMap<>(more);
        props.put(PaymentTopics.PAYMENT_ID, p.id());
        props.put(PaymentTopics.ORDER_ID, p.orderId());
        props.put(PaymentTopics.CLIENT_ID, p.clientId());
        props.put(PaymentTopics.FREELANCER_ID, p.freelancerId());
        props.put(PaymentTopics.AMOUNT, p.amount().toString());
        if (reason != null) {
            props.put(PaymentTopics.REASON, reason);
        }
        Event event = new Event(topic, props);
        afterCommit.run(() -> events.postEvent(event));
    }
}
