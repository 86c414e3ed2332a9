package org.souk.payment.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.persistence.EntityManager;
import javax.sql.DataSource;
import javax.transaction.TransactionManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.UnauthorizedException;
import org.souk.common.api.UnavailableException;
import org.souk.common.api.ValidationException;
import org.souk.gateway.api.AvailableMethod;
import org.souk.gateway.api.PaymentGateway;
import org.souk.gateway.spi.PaymentLookup;
import org.souk.gateway.spi.PaymentRequest;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.RefundRequest;
import org.souk.gateway.spi.RefundResult;
import org.souk.gateway.spi.WebhookEvent;
import org.souk.gateway.spi.WebhookRejectedException;
import org.souk.gateway.spi.WebhookRequest;
import org.souk.order.api.CancellationReason;
import org.souk.order.api.Order;
import org.souk.order.api.OrderService;
import org.souk.order.api.OrderStatus;
import org.souk.order.api.OrderSummary;
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
 */
@Component
public class JpaPaymentService implements PaymentService {

    private static final Logger LOG = LoggerFactory.getLogger(JpaPaymentService.class);
    /** Payments asked about per run; the oldest first, the rest on the next run. */
    private static final int RECONCILE_BATCH = 500;

    private final JpaTemplate jpa;
    private final OrderService orders;
    private final PaymentGateway gateway;
    private final EventAdmin events;
    private final AfterCommit afterCommit;
    private final Clock clock;

    @Activate
    public JpaPaymentService(@Reference(target = "(osgi.unit.name=souk-payment)") JpaTemplate jpa,
            @Reference(target = "(osgi.jndi.service.name=souk)") DataSource dataSource, @Reference OrderService orders,
            @Reference PaymentGateway gateway, @Reference EventAdmin events, @Reference TransactionManager transactions) {
        new SchemaMigrator(dataSource, "payment", JpaPaymentService.class.getClassLoader()).migrate();
        this.jpa = jpa;
        this.orders = orders;
        this.gateway = gateway;
        this.events = events;
        this.afterCommit = new AfterCommit(transactions);
        this.clock = Clock.systemUTC();
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
        errors.throwIfAny();

        OrderSummary order = orders.summary(caller, request.orderId());
        if (!order.clientId().equals(caller.userId())) {
            throw new ForbiddenException("Only the order's client pays it");
        }
        if (order.status() != OrderStatus.PENDING) {
            throw new ConflictException("The order is " + order.status() + "; only a PENDING order can be paid");
        }
        String providerId = gateway.providerOf(request.method());
        Set<String> currencies = gateway.methods().stream().filter(m -> m.id().equals(request.method())).findFirst()
                .map(AvailableMethod::currencies).orElse(Set.of());
        if (!currencies.contains(order.total().currency())) {
            throw new ValidationException("method", request.method() + " does not take " + order.total().currency());
        }

        String paymentId = UUID.randomUUID().toString();
        create(new PaymentEntity(paymentId, order.id(), order.clientId(), order.freelancerId(), order.total(),
                request.method(), providerId, clock.instant()));
        PaymentRequest charge = new PaymentRequest(paymentId, order.id(), request.method(), order.total(),
                "Souk order " + order.id() + ": " + order.gigTitle() + " (" + order.tier() + ")",
                request.details(), paymentId);
        ProviderResult result = gateway.initiate(providerId, charge);
        return apply(paymentId, TransactionKind.INITIATE, result);
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

    /** Records a gateway answer and settles the payment with it; retried once if a concurrent settlement won. */
    Payment apply(String paymentId, TransactionKind kind, ProviderResult result) {
        for (int attempt = 1; ; attempt++) {
            try {
                Payment settled = jpa.txExpr(TransactionType.Required,
                        em -> settle(em, em.find(PaymentEntity.class, paymentId), kind, result));
                if (settled.status() == PaymentStatus.SUCCESS) {
                    askAboutRequestedRefunds(paymentId);
                }
                return settled;
            } catch (RuntimeException e) {
                if (attempt >= 2 || !Conflicts.isConflict(e)) {
                    throw Conflicts.translate(e, "The payment was changed by another request at the same time; retry");
                }
            }
        }
    }

    private Payment settle(EntityManager em, PaymentEntity p, TransactionKind kind, ProviderResult result) {
        Instant now = clock.instant();
        em.persist(new PaymentTransactionEntity(UUID.randomUUID().toString(), p.id(), kind, result.status(),
                result.gatewayReference(), result.message(), now));
        if (p.status() != PaymentStatus.PENDING) {
            if (result.status().isFinal() && (result.status() == org.souk.gateway.spi.ProviderStatus.PROCESSED)
                    != (p.status() == PaymentStatus.SUCCESS)) {
                LOG.warn("Payment {} is {} but {} now says {}; an administrator must look at it", p.id(), p.status(),
                        p.provider(), result.status());
            }
            em.flush();
            return p.toPayment(transactions(em, p.id()));
        }
        p.referenced(result.gatewayReference());
        p.converted(result.charged(), result.exchangeRate());
        switch (result.status()) {
            case PROCESSED -> {
                p.succeeded(now);
                if (orders.summary(Caller.SYSTEM, p.orderId()).status() == OrderStatus.PENDING) {
                    orders.confirmPayment(p.orderId(), p.id());
                } else {
                    // The order was closed while the gateway was charging: the money goes straight back.
                    LOG.warn("Payment {} succeeded for order {}, which is closed: refunding it", p.id(), p.orderId());
                    em.persist(new RefundEntity(UUID.randomUUID().toString(), p.id(), p.orderId(), p.amount(),
                            "the order was closed before its payment settled", Caller.SYSTEM.userId(), now));
                }
                announce(PaymentTopics.SUCCEEDED, p, null);
            }
            case ERROR, CANCELED -> {
                String reason = result.message() == null ? "declined by " + p.provider() : result.message();
                p.failed(reason, now);
                if (orders.summary(Caller.SYSTEM, p.orderId()).status() == OrderStatus.PENDING) {
                    orders.cancel(Caller.SYSTEM, p.orderId(), CancellationReason.PAYMENT_FAILED, reason);
                }
                announce(PaymentTopics.FAILED, p, reason);
            }
            case PENDING -> p.awaiting(result.nextAction(), now);
            case UNKNOWN -> p.touched(now);
        }
        em.flush();
        return p.toPayment(transactions(em, p.id()));
    }

    @Override
    public ReconciliationReport reconcile(Duration pendingFor) {
        Instant cutoff = clock.instant().minus(pendingFor);
        // Oldest first; the cut-off is applied here because the instant converter does not apply to parameters.
        List<PaymentEntity> pending = jpa.txExpr(TransactionType.Supports, em -> em.createQuery(
                "SELECT p FROM PaymentEntity p WHERE p.status = :pending ORDER BY p.updatedAt", PaymentEntity.class)
                .setParameter("pending", PaymentStatus.PENDING).setMaxResults(RECONCILE_BATCH).getResultList())
                .stream().filter(p -> !p.updatedAt().isAfter(cutoff)).toList();
        int succeeded = 0;
        int failed = 0;
        int stillPending = 0;
        int absent = 0;
        for (PaymentEntity p : pending) {
            ProviderResult answer;
            try {
                answer = gateway.fetch(p.provider(), new PaymentLookup(p.id(), p.orderId(), p.gatewayReference(), p.amount(), p.charged()));
            } catch (UnavailableException e) {
                absent++;
                continue;
            }
            try {
                switch (apply(p.id(), TransactionKind.STATUS_CHECK, answer).status()) {
                    case SUCCESS -> succeeded++;
                    case FAILED -> failed++;
                    case PENDING -> stillPending++;
                }
            } catch (RuntimeException e) {
                LOG.warn("Reconciling payment {} failed: {}", p.id(), e.getMessage());
                stillPending++;
            }
        }
        for (Refund r : refundsIn(RefundStatus.REQUESTED, RECONCILE_BATCH)) {
            if (!r.requestedAt().isAfter(cutoff)) {
                askAboutRequestedRefunds(r.paymentId());
            }
        }
        if (!pending.isEmpty()) {
            LOG.info("Reconciled {} pending payment(s): {} succeeded, {} failed, {} still pending, {} with no provider",
                    pending.size(), succeeded, failed, stillPending, absent);
        }
        return new ReconciliationReport(pending.size(), succeeded, failed, stillPending, absent);
    }

    @Override
    public Cancellation cancel(Caller caller, String orderId, CancellationReason reason, String note) {
        if (reason == null) {
            throw new ValidationException("reason", "is required: " + java.util.Arrays.toString(CancellationReason.values()));
        }
        orders.summary(caller, orderId); // visibility: someone else's order is not found
        PaymentEntity payment = jpa.txExpr(TransactionType.Supports, em -> paymentOf(em, orderId));
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
            throw new ConflictException("A payment of this order is under way; it must settle before the order is cancelled");
        }
        // Paid: the order's cancellation and the refund's record commit together, then the gateway is asked.
        String refundId = UUID.randomUUID().toString();
        String why = reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + (note == null || note.isBlank() ? "" : ": " + note.trim());
        Order cancelled;
        try {
            cancelled = jpa.txExpr(TransactionType.Required, em -> {
                Order o = orders.cancel(caller, orderId, reason, note);
                em.persist(new RefundEntity(refundId, payment.id(), orderId, payment.amount(), why, caller.userId(),
                        clock.instant()));
                em.flush();
                return o;
            });
        } catch (RuntimeException e) {
            throw Conflicts.translate(e, "The order was changed by another request at the same time; reload and retry");
        }
        return new Cancellation(cancelled, askGatewayToRefund(refundId, payment, why));
    }

    private Refund askGatewayToRefund(String refundId, PaymentEntity payment, String why) {
        RefundResult answer;
        try {
            answer = gateway.refund(payment.provider(), new RefundRequest(refundId, payment.id(),
                    payment.gatewayReference(), payment.amount(), why, refundId, payment.charged()));
        } catch (UnavailableException e) {
            LOG.warn("Refund {} of payment {} waits: {}", refundId, payment.id(), e.getMessage());
            return jpa.txExpr(TransactionType.Supports, em -> em.find(RefundEntity.class, refundId).toRefund());
        }
        Refund refund = jpa.txExpr(TransactionType.Required, em -> {
            RefundEntity r = em.find(RefundEntity.class, refundId);
            r.answered(answer, clock.instant());
            return r.toRefund();
        });
        if (refund.status() == RefundStatus.MANUAL || refund.status() == RefundStatus.FAILED) {
            LOG.warn("Refund {} of {} for order {} is {}: an administrator must complete it ({})", refund.id(),
                    refund.amount(), refund.orderId(), refund.status(), refund.message());
        }
        return refund;
    }

    /** Asks the gateway about this payment's refunds still REQUESTED (idempotent: the key is the refund id). */
    private void askAboutRequestedRefunds(String paymentId) {
        List<String> requested = jpa.txExpr(TransactionType.Supports, em -> em.createQuery(
                "SELECT r FROM RefundEntity r WHERE r.paymentId = :payment AND r.status = :requested", RefundEntity.class)
                .setParameter("payment", paymentId).setParameter("requested", RefundStatus.REQUESTED).getResultList()
                .stream().map(r -> r.toRefund().id()).toList());
        if (requested.isEmpty()) {
            return;
        }
        PaymentEntity payment = jpa.txExpr(TransactionType.Supports, em -> em.find(PaymentEntity.class, paymentId));
        for (String refundId : requested) {
            try {
                askGatewayToRefund(refundId, payment, jpa.txExpr(TransactionType.Supports,
                        em -> em.find(RefundEntity.class, refundId).toRefund().reason()));
            } catch (RuntimeException e) {
                LOG.warn("Refund {} of payment {} could not be asked for: {}", refundId, paymentId, e.getMessage());
            }
        }
    }

    @Override
    public List<Refund> refunds(Caller caller, String orderId) {
        orders.summary(caller, orderId);
        return jpa.txExpr(TransactionType.Supports, em -> em.createQuery(
                "SELECT r FROM RefundEntity r WHERE r.orderId = :order ORDER BY r.requestedAt", RefundEntity.class)
                .setParameter("order", orderId).getResultList().stream().map(RefundEntity::toRefund).toList());
    }

    @Override
    public List<Refund> refundsIn(RefundStatus status, int limit) {
        return jpa.txExpr(TransactionType.Supports, em -> em.createQuery(
                "SELECT r FROM RefundEntity r WHERE r.status = :status ORDER BY r.requestedAt", RefundEntity.class)
                .setParameter("status", status).setMaxResults(Math.max(1, Math.min(limit, 500))).getResultList()
                .stream().map(RefundEntity::toRefund).toList());
    }

    @Override
    public Refund completeManualRefund(Caller caller, String refundId, String note) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only an administrator completes a manual refund");
        }
        try {
            return jpa.txExpr(TransactionType.Required, em -> {
                RefundEntity r = refundId == null ? null : em.find(RefundEntity.class, refundId);
                if (r == null) {
                    throw new org.souk.common.api.NotFoundException("No refund " + refundId);
                }
                if (r.status() == RefundStatus.SUCCEEDED) {
                    throw new ConflictException("Refund " + refundId + " is already SUCCEEDED");
                }
                r.completedManually(caller.userId(), note, clock.instant());
                em.flush();
                return r.toRefund();
            });
        } catch (RuntimeException e) {
            throw Conflicts.translate(e, "The refund was changed by another request at the same time; reload and retry");
        }
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
    public WebhookOutcome handleWebhook(String providerId, WebhookRequest request) {
        WebhookEvent event;
        try {
            event = gateway.verifyWebhook(providerId, request);
        } catch (WebhookRejectedException e) {
            LOG.debug("Webhook of '{}' rejected: {}", providerId, e.getMessage());
            throw new UnauthorizedException("Webhook rejected: " + e.getMessage());
        }
        if (event.status() == org.souk.gateway.spi.ProviderStatus.UNKNOWN) {
            // Verified, but the gateway could not confirm it just now: not recorded, so its retry is not a duplicate.
            throw new UnavailableException("The gateway could not confirm event " + event.eventId() + " yet; retry later");
        }
        if (seen(providerId, event.eventId())) {
            return WebhookOutcome.DUPLICATE;
        }
        try {
            WebhookOutcome outcome = jpa.txExpr(TransactionType.Required, em -> applyWebhook(em, providerId, event));
            if (event.status() == org.souk.gateway.spi.ProviderStatus.PENDING) {
                lookUpNow(providerId, event);
            }
            return outcome;
        } catch (RuntimeException e) {
            if (Conflicts.isConflict(e) && seen(providerId, event.eventId())) {
                return WebhookOutcome.DUPLICATE;
            }
            throw Conflicts.translate(e, "The payment was changed by another request at the same time; retry");
        }
    }

    /**
     * A webhook that says "under way" (a PayPal approval, say) is the moment to ask the gateway, which may
     * complete the payment now (PayPal captures on look-up) instead of at the next reconciliation.
     */
    private void lookUpNow(String providerId, WebhookEvent event) {
        PaymentEntity p = jpa.txExpr(TransactionType.Supports, em -> find(em, providerId, event));
        if (p == null || p.status() != PaymentStatus.PENDING) {
            return;
        }
        try {
            ProviderResult answer = gateway.fetch(providerId,
                    new PaymentLookup(p.id(), p.orderId(), p.gatewayReference(), p.amount(), p.charged()));
            apply(p.id(), TransactionKind.STATUS_CHECK, answer);
        } catch (RuntimeException e) {
            LOG.info("Look-up of payment {} after webhook {} failed ({}); reconciliation will retry", p.id(),
                    event.eventId(), e.getMessage());
        }
    }

    private WebhookOutcome applyWebhook(EntityManager em, String providerId, WebhookEvent event) {
        PaymentEntity p = find(em, providerId, event);
        em.persist(new WebhookEventEntity(providerId, event.eventId(), p == null ? null : p.id(), clock.instant()));
        em.flush();
        if (p == null) {
            LOG.info("Webhook event {} of '{}' concerns no known payment; ignored", event.eventId(), providerId);
            return WebhookOutcome.IGNORED;
        }
        if (event.amount() != null && !event.amount().equals(p.amount()) && !event.amount().equals(p.charged())) {
            LOG.warn("Webhook event {} says {} for payment {} of {}; not settled", event.eventId(), event.amount(),
                    p.id(), p.amount());
            em.persist(new PaymentTransactionEntity(UUID.randomUUID().toString(), p.id(), TransactionKind.WEBHOOK,
                    event.status(), event.gatewayReference(), "amount mismatch: " + event.amount(), clock.instant()));
            return WebhookOutcome.IGNORED;
        }
        PaymentStatus before = p.status();
        settle(em, p, TransactionKind.WEBHOOK, new ProviderResult(event.status(), event.gatewayReference(),
                "webhook event " + event.eventId(), null));
        return before == p.status() && event.status().isFinal() ? WebhookOutcome.IGNORED : WebhookOutcome.APPLIED;
    }

    private static PaymentEntity find(EntityManager em, String providerId, WebhookEvent event) {
        if (event.paymentId() != null) {
            PaymentEntity p = em.find(PaymentEntity.class, event.paymentId());
            if (p != null && p.provider().equals(providerId)) {
                return p;
            }
        }
        if (event.gatewayReference() != null) {
            return em.createQuery("SELECT p FROM PaymentEntity p WHERE p.provider = :provider AND p.gatewayReference = :ref",
                    PaymentEntity.class).setParameter("provider", providerId).setParameter("ref", event.gatewayReference())
                    .getResultList().stream().findFirst().orElse(null);
        }
        return null;
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
        Map<String, Object> props = new HashMap<>();
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
