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
        payment.answered(payment.attempt(1), "sbx_p-1", null, null);
        payment.succeeded(payment.attempt(1), T0.plusSeconds(90));
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

    @Test
    void aDeclineKeepsItsCodeOnItsAttemptAndOnThePaymentUntilTheNextAttempt() {
        payment.declined("insufficient funds", "insufficient_funds", T0.plusSeconds(1));
        Payment p = view();
        assertThat(p.declineCode()).isEqualTo("insufficient_funds");
        assertThat(p.attempts().get(0).declineCode()).isEqualTo("insufficient_funds");

        payment.startAttempt("sandbox.card", "sandbox", true, T0.plusSeconds(60));
        assertThat(view().declineCode()).isNull();
        assertThat(view().attempts().get(0).declineCode()).isEqualTo("insufficient_funds");
        assertThat(view().attempts().get(1).declineCode()).isNull();

        payment.declined("declined by sandbox", null, T0.plusSeconds(61));
        assertThat(view().declineCode()).isEqualTo("unknown");
        // The payment fails on that decline (no attempts left): it keeps the code.
        payment.failed("declined by sandbox", T0.plusSeconds(61));
        assertThat(view().declineCode()).isEqualTo("unknown");
        assertThat(view().status()).isEqualTo(PaymentStatus.FAILED);
    }

    @Test
    void aFailureThatIsNoDeclineHasNoCodeAndASuccessClearsIt() {
        PaymentEntity expired = new PaymentEntity("p-2", "o-2", "cli", "fre", new Money(25_000, "MAD"),
                "sandbox.card", "sandbox", true, T0);
        expired.declined("card declined", "card_declined", T0.plusSeconds(1));
        expired.failed("not settled when the order was cancelled (payment expired)", T0.plusSeconds(5));
        Payment p = expired.toPayment(java.util.List.of());
        assertThat(p.declineCode()).isNull();
        assertThat(p.attempts().get(0).declineCode()).isEqualTo("card_declined");

        payment.declined("card declined", "card_declined", T0.plusSeconds(1));
        payment.startAttempt("sandbox.card", "sandbox", true, T0.plusSeconds(60));
        payment.succeeded(T0.plusSeconds(61));
        assertThat(view().declineCode()).isNull();
        assertThat(view().attempts().get(1).declineCode()).isNull();
    }

    // ------------------------------------------------------------------ answers about a given attempt

    @Test
    void anAnswerAboutAnEarlierAttemptIsKeptOnItAndNeverPinnedOnTheLatest() {
        payment.referenced("sbx_p-1");
        payment.declined("card declined", T0.plusSeconds(1));
        payment.startAttempt("sandbox.card", "sandbox", true, T0.plusSeconds(60));
        payment.referenced("sbx_p-1-2");
        payment.declined("card declined", T0.plusSeconds(61));
        payment.startAttempt("sandbox.card", "sandbox", true, T0.plusSeconds(120));
        // Attempt 2's look-up answers late, naming its charge in the provider's own way.
        payment.answered(payment.attempt(2), "capture-2", null, null);
        assertThat(payment.attempt(2).gatewayReference()).isEqualTo("capture-2");
        assertThat(payment.currentAttempt().gatewayReference()).isNull();
        assertThat(view().transactionId()).isNull();
        // Attempt 3's own answer is still taken as the payment's.
        payment.answered(payment.attempt(3), "sbx_p-1-3", null, null);
        assertThat(view().transactionId()).isEqualTo("sbx_p-1-3");
        assertThat(payment.attempt(3).gatewayReference()).isEqualTo("sbx_p-1-3");
    }

    @Test
    void anEarlierAttemptsConfirmedSuccessPaysWithItsOwnChargeNotTheLatestAttemptsAnswer() {
        payment.referenced("sbx_p-1");
        payment.declined("card declined", T0.plusSeconds(1));
        payment.startAttempt("paypal.wallet", "paypal", false, T0.plusSeconds(60));
        // Attempt 2 has no answer yet when attempt 1's success is confirmed under a new name.
        payment.answered(payment.attempt(1), "capture-1", null, null);
        payment.succeeded(payment.attempt(1), T0.plusSeconds(90));
        Payment p = view();
        assertThat(p.status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(p.transactionId()).isEqualTo("capture-1");
        assertThat(p.provider()).isEqualTo("sandbox");
        assertThat(p.attempts()).extracting(PaymentAttempt::status, PaymentAttempt::gatewayReference).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AttemptStatus.SUCCEEDED, "capture-1"),
                org.assertj.core.groups.Tuple.tuple(AttemptStatus.FAILED, null));
        assertThat(payment.payingAttempt().number()).isEqualTo(1);
        // Attempt 2's answer, when it comes, is kept on attempt 2 and does not change the payment's charge.
        payment.answered(payment.attempt(2), "PAYPAL-ORDER-2", new Money(2_300, "EUR"), new java.math.BigDecimal("0.092"));
        assertThat(view().transactionId()).isEqualTo("capture-1");
        assertThat(view().charged()).isNull();
        assertThat(payment.attempt(2).gatewayReference()).isEqualTo("PAYPAL-ORDER-2");
        assertThat(payment.attempt(2).charged()).isEqualTo(new Money(2_300, "EUR"));
    }

    @Test
    void eachAttemptIsExpectedToSettleWhatItsOwnProviderCharged() {
        payment.referenced("sbx_p-1");
        payment.declined("card declined", T0.plusSeconds(1));
        payment.startAttempt("paypal.wallet", "paypal", false, T0.plusSeconds(60));
        payment.answered(payment.currentAttempt(), "PAYPAL-ORDER-2", new Money(2_300, "EUR"),
                new java.math.BigDecimal("0.092"));
        assertThat(payment.expectedSettlement(payment.attempt(2))).isEqualTo(new Money(2_300, "EUR"));
        // Attempt 1, a card in the order's currency, settles 250.00 MAD, not attempt 2's conversion.
        assertThat(payment.expectedSettlement(payment.attempt(1))).isEqualTo(new Money(25_000, "MAD"));
    }

    @Test
    void thePayingAttemptsConversionBecomesThePayments() {
        // Attempt 1 converted (PayPal, EUR) and was declined; attempt 2, a MAD card, is under way.
        PaymentEntity converted = new PaymentEntity("p-3", "o-3", "cli", "fre", new Money(25_000, "MAD"),
                "paypal.wallet", "paypal", false, T0);
        converted.answered(converted.currentAttempt(), "PAYPAL-ORDER-1", new Money(2_300, "EUR"),
                new java.math.BigDecimal("0.092"));
        converted.declined("payer action required", T0.plusSeconds(1));
        converted.startAttempt("sandbox.card", "sandbox", true, T0.plusSeconds(60));
        converted.answered(converted.currentAttempt(), "sbx_p-3-2", null, null);
        assertThat(converted.toPayment(java.util.List.of()).charged()).isNull();
        // Attempt 1 is taken after all: the payment is paid in EUR by PayPal, so a refund gives back 23.00 EUR there.
        converted.succeeded(converted.attempt(1), T0.plusSeconds(90));
        Payment p = converted.toPayment(java.util.List.of());
        assertThat(p.provider()).isEqualTo("paypal");
        assertThat(p.transactionId()).isEqualTo("PAYPAL-ORDER-1");
        assertThat(p.charged()).isEqualTo(new Money(2_300, "EUR"));
        assertThat(p.exchangeRate()).isEqualByComparingTo("0.092");

        // The other way round: a converted latest attempt never leaves its conversion on a payment paid by a MAD card.
        payment.referenced("sbx_p-1");
        payment.declined("card declined", T0.plusSeconds(1));
        payment.startAttempt("paypal.wallet", "paypal", false, T0.plusSeconds(60));
        payment.answered(payment.currentAttempt(), "PAYPAL-ORDER-2", new Money(2_300, "EUR"),
                new java.math.BigDecimal("0.092"));
        payment.succeeded(payment.attempt(1), T0.plusSeconds(90));
        assertThat(view().provider()).isEqualTo("sandbox");
        assertThat(view().charged()).isNull();
        assertThat(view().exchangeRate()).isNull();
        assertThat(payment.charged()).isNull();
    }
}
