package org.souk.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.souk.payment.internal.PaymentsOnDerby.MAD;
import static org.souk.payment.internal.PaymentsOnDerby.T0;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.souk.common.api.Caller;
import org.souk.gateway.spi.ProviderResult;
import org.souk.gateway.spi.ProviderStatus;
import org.souk.gateway.spi.WebhookEvent;
import org.souk.order.api.CancellationReason;
import org.souk.payment.api.AttemptStatus;
import org.souk.payment.api.PaymentStatus;
import org.souk.payment.api.ReconciliationReport;
import org.souk.payment.api.RefundStatus;

/** Reconciliation on the payment unit: which payments it asks about, and what it does with late answers. */
class ReconcilerTest {

    private static final Duration PENDING_FOR = Duration.ofMinutes(5);

    private final PaymentsOnDerby db = new PaymentsOnDerby();

    @AfterEach
    void close() {
        db.close();
    }

    private PaymentEntity pending(String id, String provider, String reference, java.time.Instant at) {
        PaymentEntity p = new PaymentEntity(id, "o-" + id, "cli", "fre", MAD, provider + ".card", provider, false, at);
        p.referenced(reference);
        return db.store(p);
    }

    // ------------------------------------------------------------------ providers that are not deployed

    @Test
    void paymentsOfAProviderThatIsNotDeployedDoNotHoldUpTheOthers() {
        pending("gone-1", "gone", "g_1", T0);
        pending("gone-2", "gone", "g_2", T0.plusSeconds(1));
        pending("sbx", "sandbox", "sbx_1", T0.plusSeconds(10));
        db.gateway.answer("sandbox", "sbx_1", ProviderResult.processed("sbx_1"));
        db.clock.advance(Duration.ofHours(1));

        // A batch of two: the two oldest payments are of the provider that is gone.
        ReconciliationReport report = db.reconciler(2).reconcile(PENDING_FOR);

        assertThat(db.load("sbx").status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(report.succeeded()).isEqualTo(1);
        assertThat(report.providerAbsent()).as("still counted, for administrators").isEqualTo(2);
        assertThat(db.gateway.fetched).containsExactly("sandbox sbx sbx_1");
        assertThat(db.load("gone-1").status()).isEqualTo(PaymentStatus.PENDING);
    }

    @Test
    void paymentsOfAProviderIdTheGatewayRefusedDoNotHoldUpTheOthers() {
        db.gateway.refused.add("twice");
        pending("twice-1", "twice", "t_1", T0);
        pending("sbx", "sandbox", "sbx_1", T0.plusSeconds(10));
        db.gateway.answer("sandbox", "sbx_1", ProviderResult.processed("sbx_1"));
        db.clock.advance(Duration.ofHours(1));

        ReconciliationReport report = db.reconciler(1).reconcile(PENDING_FOR);

        assertThat(db.load("sbx").status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(report.providerAbsent()).isEqualTo(1);
    }

    @Test
    void onceTheProviderIsBackItsPaymentsAreAskedAbout() {
        pending("gone-1", "gone", "g_1", T0);
        db.clock.advance(Duration.ofHours(1));
        assertThat(db.reconciler(2).reconcile(PENDING_FOR).providerAbsent()).isEqualTo(1);
        db.gateway.answer("gone", "g_1", ProviderResult.processed("g_1"));
        assertThat(db.reconciler(2).reconcile(PENDING_FOR).succeeded()).isEqualTo(1);
        assertThat(db.load("gone-1").status()).isEqualTo(PaymentStatus.SUCCESS);
    }

    // ------------------------------------------------------------------ attempts failed unsettled

    /** The order is cancelled at the end of its payment window while the gateway still says pending. */
    private void expiredWhilePending(String id, String reference) {
        pending(id, "sandbox", reference, T0);
        db.cancellations.cancel(Caller.SYSTEM, "o-" + id, CancellationReason.PAYMENT_EXPIRED,
                "not paid within the payment window");
        assertThat(db.load(id).status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(db.load(id).currentAttempt().status()).isEqualTo(AttemptStatus.FAILED);
    }

    @Test
    void aSuccessReportedLateForAnAttemptFailedUnsettledIsRefundedOnce() {
        expiredWhilePending("p-1", "sbx_1");
        db.gateway.fetched.clear();

        db.clock.advance(Duration.ofMinutes(2));
        db.reconciler(500).reconcile(PENDING_FOR);
        assertThat(db.gateway.fetched).as("still pending at the gateway: asked again").containsExactly("sandbox p-1 sbx_1");
        assertThat(db.refundsOf("p-1")).isEmpty();

        db.gateway.answer("sandbox", "sbx_1", ProviderResult.processed("sbx_1"));
        db.clock.advance(Duration.ofDays(2));
        db.reconciler(500).reconcile(PENDING_FOR);

        assertThat(db.gateway.refunded).as("the charge taken for nothing, given back").containsExactly(
                "sandbox sbx_1 250.00 MAD");
        assertThat(db.refundsOf("p-1")).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(RefundStatus.SUCCEEDED);
            assertThat(r.chargeReference()).isEqualTo("sbx_1");
        });
        assertThat(db.load("p-1").status()).isEqualTo(PaymentStatus.FAILED);

        // Reported again, by a later run and by a webhook: never refunded twice.
        db.gateway.fetched.clear();
        db.clock.advance(Duration.ofDays(1));
        db.reconciler(500).reconcile(PENDING_FOR);
        assertThat(db.gateway.fetched).as("a final answer ends the look-ups").isEmpty();
        db.gateway.next = new WebhookEvent("evt-late", "p-1", "sbx_1", ProviderStatus.PROCESSED, MAD);
        db.webhooks.handleWebhook("sandbox", Map.of(), new byte[] {'{', '}'});
        assertThat(db.refundsOf("p-1")).hasSize(1);
        assertThat(db.gateway.refunded).hasSize(1);
    }

    /**
     * Payment {@code id}'s only attempt was failed unsettled before its gateway named its charge; then a webhook
     * echoing its key reports its success with the amount and no reference: its charge is refunded under its key.
     */
    private void strayChargeRefundedBeforeItWasNamed(String id) {
        expiredWhilePending(id, null);
        db.gateway.next = new WebhookEvent("evt-" + id, id, null, ProviderStatus.PROCESSED, MAD);
        db.webhooks.handleWebhook("sandbox", Map.of(), new byte[] {'{', '}'});
        assertThat(db.refundsOf(id)).hasSize(1);
        assertThat(db.gateway.refunded).containsExactly("sandbox null 250.00 MAD");
        // The gateway's own record names the charge now.
        db.gateway.answer("sandbox", id, ProviderResult.processed("sbx_" + id));
    }

    @Test
    void aStrayChargeRefundedBeforeItWasNamedEndsItsAttemptsLookUps() {
        strayChargeRefundedBeforeItWasNamed("p-3");
        db.gateway.fetched.clear();

        db.clock.advance(Duration.ofMinutes(2));
        db.reconciler(500).reconcile(PENDING_FOR);
        db.clock.advance(Duration.ofDays(1));
        db.reconciler(500).reconcile(PENDING_FOR);

        assertThat(db.refundsOf("p-3")).hasSize(1);
        assertThat(db.gateway.refunded).as("the client is refunded once").hasSize(1);
        assertThat(db.gateway.fetched).as("its charge went through: nothing to look up").isEmpty();
        assertThat(db.load("p-3").currentAttempt().recheckAt()).isNull();
    }

    @Test
    void aStrayChargeRefundedBeforeItWasNamedIsNotRefundedAgainOnceNamed() {
        strayChargeRefundedBeforeItWasNamed("p-4");

        // A look-up already under way when the webhook was recorded learns the charge's reference ...
        db.settlement.apply("p-4", 1, org.souk.payment.api.TransactionKind.STATUS_CHECK,
                ProviderResult.processed("sbx_p-4"));
        assertThat(db.load("p-4").currentAttempt().gatewayReference()).isEqualTo("sbx_p-4");
        // ... and a webhook naming it comes later: the same charge, already refunded.
        db.gateway.next = new WebhookEvent("evt-p-4-named", "p-4", "sbx_p-4", ProviderStatus.PROCESSED, MAD);
        db.webhooks.handleWebhook("sandbox", Map.of(), new byte[] {'{', '}'});

        assertThat(db.refundsOf("p-4")).hasSize(1);
        assertThat(db.gateway.refunded).as("the client is refunded once").hasSize(1);
    }

    @Test
    void theLatestAttemptSupersededByAnEarlierAttemptsLateSuccessIsLookedUpAndItsChargeRefundedOnce() {
        PaymentEntity p = new PaymentEntity("p-5", "o-p-5", "cli", "fre", MAD, "sandbox.card", "sandbox", false, T0);
        p.referenced("sbx_1");
        p.declined("card declined", T0);
        p.startAttempt("sandbox.card", "sandbox", false, T0);
        p.referenced("sbx_2");
        db.store(p);
        // Attempt 1's late success pays the payment while attempt 2 is still being charged.
        db.settlement.apply("p-5", 1, org.souk.payment.api.TransactionKind.STATUS_CHECK, ProviderResult.processed("sbx_1"));
        assertThat(db.load("p-5").status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(db.load("p-5").attempt(2).status()).isEqualTo(AttemptStatus.FAILED);

        // Attempt 2's charge goes through as well, and its webhook is lost.
        db.gateway.answer("sandbox", "sbx_2", ProviderResult.processed("sbx_2"));
        db.clock.advance(Duration.ofMinutes(2));
        db.reconciler(500).reconcile(PENDING_FOR);

        assertThat(db.gateway.fetched).containsExactly("sandbox p-5-2 sbx_2");
        assertThat(db.gateway.refunded).as("the second charge, given back").containsExactly("sandbox sbx_2 250.00 MAD");
        assertThat(db.refundsOf("p-5")).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(RefundStatus.SUCCEEDED);
            assertThat(r.chargeReference()).isEqualTo("sbx_2");
        });
        assertThat(db.load("p-5").status()).isEqualTo(PaymentStatus.SUCCESS);
        assertThat(db.load("p-5").gatewayReference()).as("still paid by attempt 1").isEqualTo("sbx_1");

        db.gateway.fetched.clear();
        db.clock.advance(Duration.ofDays(1));
        db.reconciler(500).reconcile(PENDING_FOR);
        assertThat(db.gateway.fetched).as("a final answer ends the look-ups").isEmpty();
        assertThat(db.gateway.refunded).hasSize(1);
    }

    @Test
    void anAttemptFailedUnsettledIsLookedUpWithGrowingWaitsUntilItsWindowEnds() {
        expiredWhilePending("p-2", "sbx_2");
        db.gateway.fetched.clear();
        Reconciler reconciler = db.reconciler(500);
        reconciler.unsettledWindow(Duration.ofHours(3));

        int asks = 0;
        for (int minute = 0; minute < 6 * 60; minute++) {
            db.clock.advance(Duration.ofMinutes(1));
            asks += reconciler.recheckUnsettled();
        }
        // Asked 1, 2, 4, 8 ... 128 minutes after it was failed; the next, at 256, would be past the 3-hour window.
        assertThat(asks).isEqualTo(8);
        assertThat(db.load("p-2").currentAttempt().recheckAt()).isNull();
        assertThat(db.refundsOf("p-2")).isEmpty();
    }
}
