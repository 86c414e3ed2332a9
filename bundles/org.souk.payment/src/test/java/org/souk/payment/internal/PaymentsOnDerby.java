package org.souk.payment.internal;

import static org.souk.testing.Fakes.proxy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.souk.common.api.Money;
import org.souk.common.api.UnavailableException;
import org.souk.gateway.api.PaymentGateway;
import org.souk.gateway.api.ProviderInfo;
import org.souk.gateway.spi.PaymentLookup;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.RefundRequest;
import org.souk.gateway.spi.RefundResult;
import org.souk.gateway.spi.WebhookEvent;
import org.souk.ledger.api.LedgerService;
import org.souk.order.api.OrderService;
import org.souk.order.api.OrderStatus;
import org.souk.order.api.OrderSummary;
import org.souk.persistence.AfterCommit;
import org.souk.persistence.testing.DerbyJpa;
import org.souk.persistence.testing.MovableClock;

/**
 * The payment desks on the payment unit over an in-memory Derby, with a gateway, orders and a ledger played
 * by fakes: what the desks decide is read back from the database.
 */
final class PaymentsOnDerby implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    static final Money MAD = new Money(25_000, "MAD");

    final DerbyJpa jpa = new DerbyJpa("souk-payment", "payment-" + UUID.randomUUID());
    final MovableClock clock = new MovableClock(T0);
    final FakeGateway gateway = new FakeGateway();
    /** Orders by id: their status as the order service would answer it. */
    final Map<String, OrderStatus> orders = new ConcurrentHashMap<>();
    final RefundDesk refunds;
    final SettlementDesk settlement;
    final WebhookIntake webhooks;
    final CancellationDesk cancellations;

    PaymentsOnDerby() {
        new PaymentSchema(jpa.dataSource);
        LedgerService ledger = proxy(LedgerService.class, (m, args) -> null);
        OrderService orderService = proxy(OrderService.class, (m, args) -> switch (m.getName()) {
            case "summary" -> summary((String) args[1]);
            case "confirmPayment" -> {
                orders.put((String) args[0], OrderStatus.PROCESSING);
                yield null;
            }
            case "cancel" -> {
                orders.put((String) args[1], OrderStatus.CANCELLED);
                yield null;
            }
            default -> throw new UnsupportedOperationException(m.getName());
        });
        javax.transaction.TransactionManager noJta = proxy(javax.transaction.TransactionManager.class, (m, args) -> null);
        PaymentEvents events = new PaymentEvents(proxy(org.osgi.service.event.EventAdmin.class, (m, args) -> null),
                new AfterCommit(noJta), (topic, props) -> { });
        refunds = new RefundDesk(jpa, gateway, clock, RefundRetryPolicy.DEFAULT, ledger, (topic, props) -> { },
                orderId -> "A logo");
        settlement = new SettlementDesk(jpa, orderService, clock, refunds, ledger, () -> AttemptPolicy.DEFAULT, events);
        webhooks = new WebhookIntake(jpa, gateway, clock, refunds, settlement);
        cancellations = new CancellationDesk(jpa, orderService, null, gateway, clock, refunds, ledger, settlement, events);
    }

    private OrderSummary summary(String orderId) {
        return new OrderSummary(orderId, "cli", "fre", "gig", "A logo", null, MAD, orders.getOrDefault(orderId,
                OrderStatus.PENDING), null, T0, T0);
    }

    Reconciler reconciler(int batch) {
        return new Reconciler(jpa, gateway, clock, refunds, settlement, batch);
    }

    /** Stores a payment as built, its order pending. */
    PaymentEntity store(PaymentEntity p) {
        orders.putIfAbsent(p.orderId(), OrderStatus.PENDING);
        jpa.tx(org.apache.aries.jpa.template.TransactionType.Required, em -> em.persist(p));
        return p;
    }

    PaymentEntity load(String paymentId) {
        return jpa.txExpr(org.apache.aries.jpa.template.TransactionType.Supports,
                em -> em.find(PaymentEntity.class, paymentId));
    }

    List<RefundEntity> refundsOf(String paymentId) {
        return jpa.txExpr(org.apache.aries.jpa.template.TransactionType.Supports, em -> em.createQuery(
                "SELECT r FROM RefundEntity r WHERE r.paymentId = :p", RefundEntity.class).setParameter("p", paymentId)
                .getResultList());
    }

    List<org.souk.payment.api.PaymentTransaction> transactionsOf(String paymentId) {
        return jpa.txExpr(org.apache.aries.jpa.template.TransactionType.Supports,
                em -> PaymentTransactionEntity.ofPayment(em, paymentId));
    }

    @Override
    public void close() {
        jpa.close();
    }

    /**
     * Providers as a gateway would route to them: only the deployed ones answer; a look-up is answered by the
     * charge it names when the provider knows it, else by the key it is made under; every call is kept.
     */
    static final class FakeGateway implements PaymentGateway {
        final Set<String> deployed = new HashSet<>(Set.of("sandbox"));
        /** Listed, but refused by the gateway (two configurations claim the id): no method, INVALID, not callable. */
        final Set<String> refused = new HashSet<>();
        /** Answers by provider, then by gateway reference or attempt key. */
        final Map<String, Map<String, ProviderResult>> answers = new HashMap<>();
        final List<String> fetched = new ArrayList<>();
        final List<String> refunded = new ArrayList<>();
        WebhookEvent next;

        void answer(String provider, String referenceOrKey, ProviderResult result) {
            deployed.add(provider);
            answers.computeIfAbsent(provider, k -> new HashMap<>()).put(referenceOrKey, result);
        }

        private void require(String provider) {
            if (!deployed.contains(provider)) {
                throw new UnavailableException("provider " + provider + " is not deployed");
            }
        }

        @Override
        public List<ProviderInfo> providers() {
            List<ProviderInfo> out = new ArrayList<>(deployed.stream().map(id -> new ProviderInfo(id, id,
                    List.of(new org.souk.gateway.spi.PaymentMethod(id + ".card", "Card",
                            org.souk.gateway.spi.MethodType.CARD)), Set.of("MAD"), "bundle", false)).toList());
            refused.forEach(id -> out.add(new ProviderInfo(id, id, List.of(), Set.of("MAD"), "bundle", false,
                    org.souk.gateway.spi.ConfigurationCheck.invalid("refused: two configurations claim " + id))));
            return out;
        }

        @Override
        public List<org.souk.gateway.api.AvailableMethod> methods() {
            return List.of();
        }

        @Override
        public String providerOf(String methodId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<org.souk.common.api.FieldError> checkDetails(String providerId, String methodId,
                Map<String, String> details) {
            return List.of();
        }

        @Override
        public ProviderResult initiate(String providerId, org.souk.gateway.spi.PaymentRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ProviderResult fetch(String providerId, PaymentLookup lookup) {
            require(providerId);
            fetched.add(providerId + " " + lookup.paymentId() + " " + lookup.gatewayReference());
            Map<String, ProviderResult> known = answers.getOrDefault(providerId, Map.of());
            ProviderResult byCharge = lookup.gatewayReference() == null ? null : known.get(lookup.gatewayReference());
            ProviderResult answer = byCharge != null ? byCharge : known.get(lookup.paymentId());
            return answer != null ? answer : ProviderResult.pending(lookup.gatewayReference(), null);
        }

        @Override
        public RefundResult refund(String providerId, RefundRequest request) {
            require(providerId);
            refunded.add(providerId + " " + request.gatewayReference() + " " + request.amount());
            return new RefundResult(RefundResult.Status.SUCCEEDED, "rf_" + request.idempotencyKey(), null);
        }

        @Override
        public WebhookEvent verifyWebhook(String providerId, org.souk.gateway.spi.WebhookRequest request) {
            require(providerId);
            return next;
        }

        @Override
        public org.souk.gateway.spi.ConfigurationCheck checkConfiguration(String providerId) {
            throw new UnsupportedOperationException();
        }
    }
}
