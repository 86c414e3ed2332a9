package org.souk.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import javax.persistence.EntityManager;

import org.junit.jupiter.api.Test;
import org.souk.common.api.Money;
import org.souk.gateway.spi.RefundRequest;

/** Which provider is asked, about which charge and in what, for a refund. */
class RefundDeskTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final Money MAD = new Money(25_000, "MAD");
    private static final Money EUR = new Money(2_300, "EUR");
    private static final BigDecimal RATE = new BigDecimal("0.092");

    /** What the desk asked of the ledger: a stray charge is held in the order's suspense until refunded. */
    private final java.util.List<String> posted = new java.util.ArrayList<>();
    private final org.souk.ledger.api.LedgerService ledger = (org.souk.ledger.api.LedgerService) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {org.souk.ledger.api.LedgerService.class}, (proxy, method, args) -> {
                posted.add(method.getName() + " " + args[0] + " " + args[2] + " " + args[3]);
                return null;
            });
    private final RefundDesk desk = new RefundDesk(null, null, Clock.fixed(T0, ZoneOffset.UTC), RefundRetryPolicy.DEFAULT,
            ledger, null, null);
    private final Map<Object, Object> stored = new HashMap<>();
    /** Persists and finds by id: all that recording a refund needs of an entity manager. */
    private final EntityManager em = (EntityManager) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {EntityManager.class}, (proxy, method, args) -> switch (method.getName()) {
                case "persist" -> {
                    stored.put(((RefundEntity) args[0]).id(), args[0]);
                    yield null;
                }
                case "find" -> stored.get(args[1]);
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private RefundEntity onlyRefund() {
        assertThat(stored).hasSize(1);
        return (RefundEntity) stored.values().iterator().next();
    }

    /** Attempt 1 by {@code firstProvider} (converted to EUR if PayPal) was declined; attempt 2 paid. */
    private static PaymentEntity paidBySecondAttempt(String firstProvider, String secondProvider) {
        PaymentEntity p = new PaymentEntity("p-1", "o-1", "cli", "fre", MAD, firstProvider + ".pay", firstProvider,
                false, T0);
        p.answered(p.currentAttempt(), firstProvider + "-ref-1", firstProvider.equals("paypal") ? EUR : null,
                firstProvider.equals("paypal") ? RATE : null);
        p.declined("declined", T0.plusSeconds(1));
        p.startAttempt(secondProvider + ".pay", secondProvider, false, T0.plusSeconds(60));
        p.answered(p.currentAttempt(), secondProvider + "-ref-2", secondProvider.equals("paypal") ? EUR : null,
                secondProvider.equals("paypal") ? RATE : null);
        p.succeeded(p.currentAttempt(), T0.plusSeconds(61));
        return p;
    }

    @Test
    void anEarlierAttemptsChargeIsGivenBackByItsOwnProviderInWhatItCharged() {
        PaymentEntity p = paidBySecondAttempt("paypal", "sandbox");
        desk.recordChargeRefund(em, p, p.attempt(1), "paypal-ref-1", "a second charge");
        RefundAsk asking = RefundAsk.of(onlyRefund(), p);
        assertThat(asking.provider()).isEqualTo("paypal");
        RefundRequest request = asking.request();
        assertThat(request.gatewayReference()).isEqualTo("paypal-ref-1");
        assertThat(request.amount()).isEqualTo(MAD);
        assertThat(request.charged()).isEqualTo(EUR);
    }

    @Test
    void aCardAttemptsChargeIsNotGivenBackInThePayingAttemptsConversion() {
        PaymentEntity p = paidBySecondAttempt("sandbox", "paypal");
        desk.recordChargeRefund(em, p, p.attempt(1), null, "a second charge");
        RefundAsk asking = RefundAsk.of(onlyRefund(), p);
        assertThat(asking.provider()).isEqualTo("sandbox");
        assertThat(asking.request().gatewayReference()).isEqualTo("sandbox-ref-1");
        assertThat(asking.request().charged()).isNull();
    }

    @Test
    void aChargeTheGatewayNeverNamedIsNeverGivenBackUnderThePayingCharge() {
        PaymentEntity p = new PaymentEntity("p-1", "o-1", "cli", "fre", MAD, "sandbox.card", "sandbox", true, T0);
        p.answered(p.currentAttempt(), "sbx-1", null, null);
        p.declined("declined", T0.plusSeconds(1));
        p.startAttempt("sandbox.card", "sandbox", true, T0.plusSeconds(60));
        // Attempt 1's late success pays while attempt 2's charge has no answer yet; then it answers with no reference.
        p.succeeded(p.attempt(1), T0.plusSeconds(61));
        desk.recordChargeRefund(em, p, p.attempt(2), null, "a second charge");
        RefundAsk asking = RefundAsk.of(onlyRefund(), p);
        assertThat(asking.provider()).isEqualTo("sandbox");
        assertThat(asking.request().gatewayReference()).isNull();
        // Recorded once however often it is reported, and held in the order's suspense until it is paid back.
        desk.recordChargeRefund(em, p, p.attempt(2), null, "a second charge");
        assertThat(stored).hasSize(1);
        assertThat(posted).containsExactly("strayChargeTaken o-1 sandbox " + MAD);
    }

    @Test
    void aChargeRefundedBeforeItWasNamedIsTheSameChargeOnceNamedUnlessTheAttemptIsKnownByAnother() {
        PaymentEntity p = new PaymentEntity("p-1", "o-1", "cli", "fre", MAD, "sandbox.card", "sandbox", true, T0);
        p.failed("not settled when the order was cancelled", T0.plusSeconds(1));
        p.currentAttempt().recheckFrom(T0.plusSeconds(61));
        desk.recordChargeRefund(em, p, p.currentAttempt(), null, "the gateway took the payment after it had failed");

        // A look-up names the attempt's charge afterwards: the same charge, not refunded again.
        p.answered(p.currentAttempt(), "sbx-1", null, null);
        desk.recordChargeRefund(em, p, p.currentAttempt(), "sbx-1", "the gateway took the payment after it had failed");
        desk.recordChargeRefund(em, p, p.currentAttempt(), null, "the gateway took the payment after it had failed");
        assertThat(stored).hasSize(1);
        assertThat(p.currentAttempt().recheckAt()).as("its charge went through: nothing left to look up").isNull();

        // Another charge than the one the attempt is known by is another charge.
        desk.recordChargeRefund(em, p, p.currentAttempt(), "sbx-2", "the gateway took the payment after it had failed");
        assertThat(stored).hasSize(2);
        assertThat(posted).hasSize(2);
    }

    @Test
    void aRefundOfThePaymentGoesToThePayingAttemptsProviderInItsConversion() {
        PaymentEntity p = paidBySecondAttempt("sandbox", "paypal");
        RefundEntity refund = new RefundEntity("r-1", p.id(), p.orderId(), new Money(10_000, "MAD"), "agreed", "cli", T0);
        RefundAsk asking = RefundAsk.of(refund, p);
        assertThat(asking.provider()).isEqualTo("paypal");
        assertThat(asking.request().gatewayReference()).isEqualTo("paypal-ref-2");
        assertThat(asking.request().charged()).isEqualTo(new Money(920, "EUR"));
    }
}
