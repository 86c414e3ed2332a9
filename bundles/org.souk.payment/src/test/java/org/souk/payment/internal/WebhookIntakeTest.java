package org.souk.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.souk.common.api.Money;
import org.souk.gateway.spi.ProviderStatus;
import org.souk.gateway.spi.WebhookEvent;

/** Which charge a webhook speaks of. */
class WebhookIntakeTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    /** Attempt 1 (key p-1, charge sbx_1) was declined; attempt 2 (key p-1-2, charge sbx_2) is under way. */
    private final PaymentEntity payment = secondAttemptUnderWay();

    private static PaymentEntity secondAttemptUnderWay() {
        PaymentEntity p = new PaymentEntity("p-1", "o-1", "cli", "fre", new Money(25_000, "MAD"), "sandbox.card", "sandbox",
                true, T0);
        p.referenced("sbx_1");
        p.declined("card declined", T0.plusSeconds(1));
        p.startAttempt("sandbox.card", "sandbox", true, T0.plusSeconds(60));
        p.referenced("sbx_2");
        return p;
    }

    private static WebhookEvent event(String paymentId, String reference) {
        return new WebhookEvent("evt-1", paymentId, reference, ProviderStatus.PROCESSED, null);
    }

    @Test
    void theReferenceAnEventNamesIsTheChargeItSpeaksOf() {
        assertThat(WebhookIntake.reportedReference(payment, event("p-1-2", "sbx_1"))).isEqualTo("sbx_1");
    }

    @Test
    void anEventEchoingOnlyAnEarlierAttemptsKeySpeaksOfThatAttemptsCharge() {
        assertThat(WebhookIntake.reportedReference(payment, event("p-1", null))).isEqualTo("sbx_1");
    }

    @Test
    void anEventEchoingOnlyTheLatestAttemptsKeyNamesNoChargeOfItsOwn() {
        assertThat(WebhookIntake.reportedReference(payment, event("p-1-2", null))).isNull();
        assertThat(WebhookIntake.reportedReference(payment, event("someone-else", null))).isNull();
    }
}
