package org.souk.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.souk.common.api.Money;
import org.souk.gateway.spi.NextAction;
import org.souk.payment.api.AttemptStatus;
import org.souk.payment.api.Payment;
import org.souk.payment.api.PaymentAttempt;
import org.souk.payment.api.PaymentStatus;

class PaymentEntityAttemptsTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private final PaymentEntity payment = new PaymentEntity("p-1", "o-1", "cli", "fre", new Money(25_000, "MAD"),
            "sandbox.card", "sandbox", true, T0);

    private Payment view() {
        return payment.toPayment(java.util.List.of());
    }

    @Test
    void theFirstAttemptIsKnownToTheGatewayByThePaymentsIdAndLaterOnesByTheirOwnKey() {
        assertThat(payment.attemptKey()).isEqualTo("p-1");
        payment.referenced("sbx_p-1");
        payment.declined("card declined", T0.plusSeconds(1));
        payment.startAttempt("paypal.wallet", "paypal", false, T0.plusSeconds(60));
        assertThat(payment.attemptKey()).isEqualTo("p-1-2");
        assertThat(payment.attemptWithKey("p-1").number()).isEqualTo(1);
        assertThat(payment.attemptWithReference("sbx_p-1").number()).isEqualTo(1);
    }

    @Test
    void aDeclineLeavesThePaymentPendingWithItsReasonAndNoNextAction() {
        payment.referenced("sbx_p-1");
        payment.awaiting(new NextAction(NextAction.REDIRECT, "https://3ds.example/p-1", java.util.Map.of()), T0);
        payment.declined("card declined", T0.plusSeconds(1));
        Payment p = view();
        assertThat(p.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(p.failureReason()).isEqualTo("card declined");
        assertThat(p.nextAction()).isNull();
        assertThat(payment.awaitingNewAttempt()).isTrue();
        assertThat(p.attempts()).extracting(PaymentAttempt::status).containsExactly(AttemptStatus.DECLINED);
        assertThat(p.attempts().get(0).endedAt()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void aNewAttemptReplacesTheMethodProviderReferenceAndConversionAndKeepsTheDeclineOnItsAttempt() {
        payment.referenced("sbx_p-1");
        payment.converted(new Money(2_300, "EUR"), new java.math.BigDecimal("0.092"));
        payment.declined("card declined", T0.plusSeconds(1));
        payment.startAttempt("paypal.wallet", "paypal", false, T0.plusSeconds(60));
        Payment p = view();
        assertThat(p.status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(p.method()).isEqualTo("paypal.wallet");
        assertThat(p.provider()).isEqualTo("paypal");
        assertThat(p.test()).isFalse();
        assertThat(p.transactionId()).isNull();
        assertThat(p.charged()).isNull();
        assertThat(p.exchangeRate()).isNull();
        assertThat(p.failureReason()).isNull();
        assertThat(payment.awaitingNewAttempt()).isFalse();
        assertThat(p.attempts()).extracting(PaymentAttempt::number, PaymentAttempt::status, PaymentAttempt::provider,
                PaymentAttempt::failureReason).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, AttemptStatus.DECLINED, "sandbox", "card declined"),
                        org.assertj.core.groups.Tuple.tuple(2, AttemptStatus.PENDING, "paypal", null));
        payment.referenced("PAYPAL-ORDER-2");
        assertThat(view().attempts().get(1).gatewayReference()).isEqualTo("PAYPAL-ORDER-2");
        assertThat(view().attempts().get(0).gatewayReference()).isEqualTo("sbx_p-1");
        assertThat(payment.otherReferences()).containsExactly("sbx_p-1");
    }

    @Test
    void theLatestAttemptsSuccessEndsItSucceeded() {
        payment.referenced("sbx_p-1");
        payment.declined("card declined", T0.plusSeconds(1));
        payment.startAttempt("sandbox.card", "sandbox", true, T0.plusSeconds(60));
        payment.referenced("sbx_p-1-2");
        payment.succeeded(T0.plusSeconds(61));
        assertThat(view().attempts()).extracting(PaymentAttempt::status)
                .containsExactly(AttemptStatus.DECLINED, AttemptStatus.SUCCEEDED);
        assertThat(view().transactionId()).isEqualTo("sbx_p-1-2");
    }

    @Test
    void anEarlierAttemptsLateSuccessPaysThePaymentAndEndsTheAttemptUnderWay() {
        payment.referenced("sbx_p-1");
        payment.declined("card declined", T0.plusSeconds(1));
        payment.startAttempt("paypal.wallet", "paypal", false, T0.plusSeconds(60));
        payment.referenced("PAYPAL-ORDER-2");
        // The gateway confirmed attempt 1's charge after all.
        payment.referenced("sbx_p-1");
        payment.succeeded(T0.plusSeconds(90));
        Payment p = view();
        assertThat(p.status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(p.transactionId()).isEqualTo("sbx_p-1");
        assertThat(p.provider()).isEqualTo("sandbox");
        assertThat(p.method()).isEqualTo("sandbox.card");
        assertThat(p.attempts()).extracting(PaymentAttempt::status)
                .containsExactly(AttemptStatus.SUCCEEDED, AttemptStatus.FAILED);
        // Attempt 2 keeps its own reference: its success, should it come, is another charge.
        assertThat(p.attempts().get(1).gatewayReference()).isEqualTo("PAYPAL-ORDER-2");
        assertThat(payment.otherReferences()).containsExactly("PAYPAL-ORDER-2");
    }

    @Test
    void anEarlierAttemptsReferenceNeverBecomesTheLatestAttemptsWhileItsGatewayHasNotAnswered() {
        payment.referenced("sbx_p-1");
        payment.declined("card declined", T0.plusSeconds(1));
        payment.startAttempt("sandbox.card", "sandbox", true, T0.plusSeconds(60));
        payment.referenced("sbx_p-1");
        assertThat(view().attempts().get(1).gatewayReference()).isNull();
    }

    @Test
    void aPaymentThatFailsEndsAnAttemptUnderWayFailedAndLeavesADeclinedOneDeclined() {
        payment.referenced("sbx_p-1");
        payment.failed("not settled when the order was cancelled (payment expired)", T0.plusSeconds(5));
        assertThat(view().attempts()).extracting(PaymentAttempt::status).containsExactly(AttemptStatus.FAILED);

        PaymentEntity declined = new PaymentEntity("p-2", "o-2", "cli", "fre", new Money(25_000, "MAD"),
                "sandbox.card", "sandbox", true, T0);
        declined.declined("card declined", T0.plusSeconds(1));
        declined.failed("not settled when the order was cancelled (payment expired)", T0.plusSeconds(5));
        Payment p = declined.toPayment(java.util.List.of());
        assertThat(p.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(p.attempts()).extracting(PaymentAttempt::status, PaymentAttempt::failureReason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AttemptStatus.DECLINED, "card declined"));
    }
}
