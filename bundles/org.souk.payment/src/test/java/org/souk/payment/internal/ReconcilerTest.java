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
