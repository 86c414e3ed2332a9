package org.souk.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.souk.common.api.Money;
import org.souk.gateway.spi.RefundResult;

/** When a refund may be asked of the gateway: the rule the asker claims by, without a database. */
class RefundAskerTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private final RefundRetryPolicy policy = new RefundRetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(30), 3);
    private final RefundEntity refund = new RefundEntity("r-1", "p-1", "o-1", new Money(25_000, "MAD"), "declined",
            "fatima", T0);

    @Test
    void aNewRefundIsAskedAtOnceAndAMissingOneNever() {
        assertThat(RefundAsker.mayAsk(refund, false, T0)).isTrue();
        assertThat(RefundAsker.mayAsk(refund, true, T0)).isTrue();
        assertThat(RefundAsker.mayAsk(null, true, T0)).isFalse();
    }

    @Test
    void aClaimedAskIsNotRepeatedWhileItsAnswerMayBeOnItsWay() {
        Instant asked = T0.plusSeconds(10);
        refund.claimAttempt(policy, asked);

        assertThat(RefundAsker.mayAsk(refund, false, asked)).as("not due: the backoff runs").isFalse();
        assertThat(RefundAsker.mayAsk(refund, true, asked.plus(RefundAsker.ASK_IN_FLIGHT).minusSeconds(1)))
                .as("asked now, but the first ask may still answer").isFalse();
        assertThat(RefundAsker.mayAsk(refund, true, asked.plus(RefundAsker.ASK_IN_FLIGHT)))
                .as("asked now, once the first ask cannot answer any more").isTrue();
    }

    @Test
    void anAskThatReachedNoProviderIsDueAgainAtOnce() {
        Instant asked = T0.plusSeconds(10);
        refund.claimAttempt(policy, asked);
        refund.providerAbsent(asked);

        assertThat(RefundAsker.mayAsk(refund, false, asked)).isTrue();
    }

    @Test
    void aSettledRefundIsNeverAskedAgain() {
        Instant asked = T0.plusSeconds(10);
        refund.claimAttempt(policy, asked);
        refund.answered(new RefundResult(RefundResult.Status.SUCCEEDED, "re-1", "ok"), asked.plusSeconds(1));

        assertThat(RefundAsker.mayAsk(refund, false, asked.plus(Duration.ofDays(1)))).isFalse();
        assertThat(RefundAsker.mayAsk(refund, true, asked.plus(Duration.ofDays(1)))).isFalse();
    }
}
