package org.souk.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.souk.common.api.Money;
import org.souk.gateway.spi.ProviderStatus;

/** Which attempt a gateway's word is about, and what the settlement rules are told of the payment. */
class SettlementDeskTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    /** Attempt 1 (charge sbx_1) was declined; attempt 2 (charge sbx_2) is under way. */
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

    @Test
    void anAnswerToACallIsAboutTheAttemptTheCallWasMadeFor() {
        Settlement.Report report = new Settlement.Report(ProviderStatus.PROCESSED, "sbx_2", null,
                Settlement.Source.LOOK_UP, 1);
        assertThat(SettlementDesk.attemptOf(payment, report).number()).isEqualTo(1);
    }

    @Test
    void aWebhookIsAboutTheAttemptWhoseChargeItNamesElseTheLatest() {
        assertThat(SettlementDesk.attemptOf(payment, new Settlement.Report(ProviderStatus.PROCESSED, "sbx_1", null,
                Settlement.Source.WEBHOOK)).number()).isEqualTo(1);
        assertThat(SettlementDesk.attemptOf(payment, new Settlement.Report(ProviderStatus.PROCESSED, "sbx_unknown", null,
                Settlement.Source.WEBHOOK)).number()).isEqualTo(2);
    }

    @Test
    void theRulesSeeTheLatestAttemptAndItsEarlierCharges() {
        Settlement.Standing standing = SettlementDesk.standing(payment);
        assertThat(standing.latest()).isEqualTo(2);
        assertThat(standing.reference()).isEqualTo("sbx_2");
        assertThat(standing.earlier()).containsExactly("sbx_1");
        assertThat(standing.declined()).isFalse();
        assertThat(standing.paying()).isZero();
    }
}
