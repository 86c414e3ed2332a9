package org.souk.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.souk.payment.internal.PaymentsOnDerby.MAD;
import static org.souk.payment.internal.PaymentsOnDerby.T0;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.ProviderStatus;
import org.souk.gateway.spi.WebhookEvent;
import org.souk.payment.api.AttemptStatus;
import org.souk.payment.api.PaymentAttempt;
import org.souk.payment.api.PaymentStatus;
import org.souk.payment.api.WebhookOutcome;

/**
 * A webhook about one attempt of a payment that has several, on the payment unit: it settles or refunds that
 * attempt's charge only, and only the provider account that made the attempt may speak of it.
 */
class WebhookAttemptsTest {

    private static final String FIRST = "youcanpay";
    private static final String SECOND = "youcanpay@second";

    private final PaymentsOnDerby db = new PaymentsOnDerby();

    @AfterEach
    void close() {
        db.close();
    }

    /**
     * Attempt 1 (key p-1) through {@code first}, declined before its gateway named its charge; attempt 2
     * (key p-1-2) through {@code second}, charge ycp_2, under way.
     */
    private PaymentEntity secondAttemptUnderWay(String first, String second) {
        PaymentEntity p = new PaymentEntity("p-1", "o-1", "cli", "fre", MAD, first + ".card", first, false, T0);
        p.declined("card declined", T0.plusSeconds(1));
        p.startAttempt(second + ".card", second, false, T0.plusSeconds(60));
        p.referenced("ycp_2");
        db.gateway.deployed.add(first);
        db.gateway.deployed.add(second);
        return db.store(p);
    }

    private WebhookOutcome deliver(String providerId, WebhookEvent event) {
        db.gateway.next = event;
        return db.webhooks.handleWebhook(providerId, Map.of(), new byte[] {'{', '}'});
    }

    private List<PaymentAttempt> attempts() {
        return db.load("p-1").toPayment(List.of()).attempts();
    }

    @Test
    void aSuccessEchoingAnEarlierAttemptsKeyPaysWithThatAttemptNeverTheLatest() {
        secondAttemptUnderWay(FIRST, FIRST);
        // The gateway's own record: attempt 1's charge ycp_1 went through; attempt 2's is still pending.
        db.gateway.answer(FIRST, "ycp_1", ProviderResult.processed("ycp_1"));

        WebhookOutcome outcome = deliver(FIRST, new WebhookEvent("evt-1", "p-1", "ycp_1", ProviderStatus.PROCESSED, MAD));

        assertThat(outcome).isEqualTo(WebhookOutcome.APPLIED);
        assertThat(db.gateway.fetched).as("asked under attempt 1's key").containsExactly(FIRST + " p-1 ycp_1");
        PaymentEntity p = db.load("p-1");
        assertThat(p.status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(p.gatewayReference()).isEqualTo("ycp_1");
        assertThat(attempts()).extracting(PaymentAttempt::status, PaymentAttempt::gatewayReference).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AttemptStatus.SUCCEEDED, "ycp_1"),
                org.assertj.core.groups.Tuple.tuple(AttemptStatus.FAILED, "ycp_2"));
    }

    @Test
    void aFailureEchoingAnEarlierAttemptsKeyWithoutAChargeNeverDeclinesTheLatest() {
        secondAttemptUnderWay(FIRST, FIRST);

        WebhookOutcome outcome = deliver(FIRST, new WebhookEvent("evt-2", "p-1", null, ProviderStatus.ERROR, MAD,
                "card_declined"));

        assertThat(outcome).isEqualTo(WebhookOutcome.REFUSED);
        assertThat(db.load("p-1").status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(attempts()).extracting(PaymentAttempt::status)
                .containsExactly(AttemptStatus.DECLINED, AttemptStatus.PENDING);
    }

    @Test
    void aLateSuccessOfAnEarlierAttemptOfAnotherAccountIsRefundedByThatAccountOnce() {
        secondAttemptUnderWay(FIRST, SECOND);
        db.gateway.answer(SECOND, "ycp_2", ProviderResult.processed("ycp_2"));
        db.settlement.apply("p-1", 2, org.souk.payment.api.TransactionKind.STATUS_CHECK, ProviderResult.processed("ycp_2"));
        assertThat(db.load("p-1").status()).isEqualTo(PaymentStatus.SUCCESS);
        db.gateway.answer(FIRST, "ycp_1", ProviderResult.processed("ycp_1"));

        WebhookEvent late = new WebhookEvent("evt-3", "p-1", "ycp_1", ProviderStatus.PROCESSED, MAD);
        assertThat(deliver(FIRST, late)).isEqualTo(WebhookOutcome.APPLIED);
        assertThat(deliver(FIRST, late)).isEqualTo(WebhookOutcome.DUPLICATE);
        assertThat(deliver(FIRST, new WebhookEvent("evt-3b", "p-1", "ycp_1", ProviderStatus.PROCESSED, MAD)))
                .as("another event about the same charge").isIn(WebhookOutcome.IGNORED, WebhookOutcome.APPLIED);

        assertThat(db.gateway.refunded).as("attempt 1's charge, given back by the account that took it, once")
                .containsExactly(FIRST + " ycp_1 250.00 MAD");
        assertThat(db.refundsOf("p-1")).hasSize(1);
        PaymentEntity p = db.load("p-1");
        assertThat(p.status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(p.gatewayReference()).as("still paid by attempt 2").isEqualTo("ycp_2");
    }

    @Test
    void anEventOfOneAccountAboutAnAttemptOfAnotherAccountIsRefusedAndMovesNothing() {
        secondAttemptUnderWay(FIRST, SECOND);
        db.gateway.answer(SECOND, "ycp_1", ProviderResult.processed("ycp_1"));
        db.gateway.answer(SECOND, "p-1", ProviderResult.processed("ycp_1"));

        // Signed by the second account, naming attempt 1, which the first account made.
        WebhookOutcome outcome = deliver(SECOND, new WebhookEvent("evt-4", "p-1", "ycp_1", ProviderStatus.PROCESSED, MAD));

        assertThat(outcome).isEqualTo(WebhookOutcome.REFUSED);
        assertThat(db.gateway.fetched).as("no account is asked on its word").isEmpty();
        assertThat(db.load("p-1").status()).isEqualTo(PaymentStatus.PENDING);
        assertThat(attempts()).extracting(PaymentAttempt::status, PaymentAttempt::gatewayReference).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AttemptStatus.DECLINED, null),
                org.assertj.core.groups.Tuple.tuple(AttemptStatus.PENDING, "ycp_2"));
        assertThat(db.transactionsOf("p-1")).extracting(org.souk.payment.api.PaymentTransaction::message)
                .anySatisfy(m -> assertThat(m).contains("refused").contains(SECOND).contains(FIRST));
        assertThat(deliver(SECOND, new WebhookEvent("evt-4", "p-1", "ycp_1", ProviderStatus.PROCESSED, MAD)))
                .isEqualTo(WebhookOutcome.DUPLICATE);
    }

    @Test
    void anEventOfAnotherProviderNamingAnAttemptsChargeIsRefused() {
        secondAttemptUnderWay("sandbox", FIRST);

        WebhookOutcome outcome = deliver("sandbox", new WebhookEvent("evt-5", null, "ycp_2", ProviderStatus.ERROR, MAD));

        assertThat(outcome).isEqualTo(WebhookOutcome.REFUSED);
        assertThat(attempts()).extracting(PaymentAttempt::status)
                .containsExactly(AttemptStatus.DECLINED, AttemptStatus.PENDING);
    }
}
