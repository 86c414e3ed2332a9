package org.souk.payment.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.ValidationException;
import org.souk.gateway.api.AvailableMethod;
import org.souk.gateway.api.PaymentGateway;
import org.souk.gateway.spi.CustomerContext;
import org.souk.gateway.spi.PaymentRequest;
import org.souk.gateway.spi.ProviderResult;
import org.souk.order.api.OrderService;
import org.souk.order.api.OrderStatus;
import org.souk.order.api.OrderSummary;
import org.souk.payment.api.PayOrder;
import org.souk.payment.api.Payment;
import org.souk.payment.api.PaymentProblems;
import org.souk.payment.api.TransactionKind;
import org.souk.persistence.Conflicts;

/**
 * Pays an order: the payment, or its next attempt, is committed PENDING before the gateway is asked to
 * charge, so a crash in between leaves a payment to reconcile, never a charge without a record; the
 * gateway's answer then goes to the {@link SettlementDesk}.
 */
final class PaymentInitiation {

    /** Limits on a payment's details: they go to a gateway and into no column, but they are the caller's input. */
    static final int MAX_DETAILS = 32;
    static final int MAX_DETAIL_NAME = 64;
    static final int MAX_DETAIL_VALUE = 1_000;

    private final JpaTemplate jpa;
    private final OrderService orders;
    private final PaymentGateway gateway;
    private final Clock clock;
    /** The order lifecycle's current setting, read at each new attempt. */
    private final Supplier<AttemptPolicy> attempts;
    private final SettlementDesk settlement;

    PaymentInitiation(JpaTemplate jpa, OrderService orders, PaymentGateway gateway, Clock clock,
            Supplier<AttemptPolicy> attempts, SettlementDesk settlement) {
        this.jpa = jpa;
        this.orders = orders;
        this.gateway = gateway;
        this.clock = clock;
        this.attempts = attempts;
        this.settlement = settlement;
    }

    Payment pay(Caller caller, PayOrder request) {
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
            throw ConflictException.typed(PaymentProblems.ORDER_NOT_PENDING, "The order is " + order.status()
                    + "; only a PENDING order can be paid");
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

        PaymentAttemptEntity started = start(order, request.method(), providerId, method.test());
        String paymentId = started.payment().id();
        int number = started.number();
        String key = PaymentAttemptEntity.key(paymentId, number);
        // Each attempt is its own charge: its key is the id and idempotency key the gateway sees, so a new
        // attempt is never answered with an earlier one's decline.
        PaymentRequest charge = new PaymentRequest(key, order.id(), request.method(), order.total(),
                "Souk order " + order.id() + ": " + order.gigTitle() + " (" + order.tier() + ")",
                request.details(), key, new CustomerContext(request.customerIp(), request.language()));
        ProviderResult result = gateway.initiate(providerId, charge);
        // The answer is about this attempt, whatever happened to the payment while the gateway was charging.
        return settlement.apply(paymentId, number, TransactionKind.INITIATE, result);
    }

    /**
     * The attempt this call pays with, in one transaction: the order's first (its payment is created with it),
     * or a new one on its payment, allowed only while the latest attempt is declined. Two first payments of
     * the same order at once: one creates the payment, the other is refused as a conflict.
     */
    private PaymentAttemptEntity start(OrderSummary order, String method, String providerId, boolean test) {
        AttemptPolicy policy = attempts.get();
        try {
            return jpa.txExpr(TransactionType.Required, em -> {
                PaymentEntity p = PaymentEntity.ofOrder(em, order.id());
                PaymentAttemptEntity attempt;
                if (p == null) {
                    p = new PaymentEntity(UUID.randomUUID().toString(), order.id(), order.clientId(),
                            order.freelancerId(), order.total(), method, providerId, test, clock.instant());
                    em.persist(p);
                    attempt = p.currentAttempt();
                } else {
                    AttemptPolicy.Refusal refusal = policy.refusalToPayAgain(p.status(), p.currentAttempt().status(),
                            p.attemptNumber());
                    if (refusal != null) {
                        throw ConflictException.typed(refusal.problemType(), refusal.message());
                    }
                    attempt = p.startAttempt(method, providerId, test, clock.instant());
                }
                em.flush();
                return attempt;
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
}
