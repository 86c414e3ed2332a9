package org.souk.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.souk.common.api.Money;
import org.souk.gateway.spi.RefundResult;
import org.souk.payment.api.RefundStatus;

class RefundEntityTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private final RefundRetryPolicy policy = new RefundRetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(30), 3);
    private final RefundEntity refund = new RefundEntity("r-1", "p-1", "o-1", new Money(25_000, "MAD"), "declined",
            "fatima", T0);

    private static RefundResult answer(RefundResult.Status status) {
        return new RefundResult(status, status == RefundResult.Status.SUCCEEDED ? "re-1" : null, "said " + status);
    }

    @Test
    void aRefundIsDueAtOnceAndThenAfterEachBackoff() {
        assertThat(refund.dueAt(T0)).isTrue();
        assertThat(refund.claimAttempt(policy, T0)).isTrue();
        assertThat(refund.dueAt(T0)).isFalse(); // claimed: a second node or request does not ask again
        refund.answered(answer(RefundResult.Status.PENDING), T0);
        assertThat(refund.status()).isEqualTo(RefundStatus.PENDING);
        assertThat(refund.dueAt(T0.plusSeconds(59))).isFalse();
        assertThat(refund.dueAt(T0.plusSeconds(60))).isTrue();

        assertThat(refund.claimAttempt(policy, T0.plusSeconds(60))).isTrue();
        assertThat(refund.dueAt(T0.plusSeconds(60 + 119))).isFalse();
        assertThat(refund.dueAt(T0.plusSeconds(60 + 120))).isTrue();
    }

    @Test
    void afterItsTriesAnUnsettledRefundIsMarkedForAnAdministratorOnceAndStillAsked() {
        Instant now = T0;
        assertThat(refund.claimAttempt(policy, now)).isTrue();
        assertThat(refund.claimAttempt(policy, now)).isTrue();
        assertThat(refund.toRefund().needsAttention()).isFalse();
        assertThat(refund.claimAttempt(policy, now)).isFalse(); // the third ask: tell someone
        assertThat(refund.toRefund().needsAttention()).isTrue();
        assertThat(refund.claimAttempt(policy, now)).isTrue(); // told once
        assertThat(refund.toRefund().attempts()).isEqualTo(4);
        assertThat(refund.dueAt(now.plus(Duration.ofMinutes(30)))).isTrue();
    }

    @Test
    void aRefundThatSucceededNeverChanges() {
        refund.claimAttempt(policy, T0);
        assertThat(refund.answered(answer(RefundResult.Status.SUCCEEDED), T0)).isTrue();
        assertThat(refund.answered(answer(RefundResult.Status.FAILED), T0.plusSeconds(1))).isFalse();
        assertThat(refund.answered(answer(RefundResult.Status.PENDING), T0.plusSeconds(2))).isFalse();
        assertThat(refund.status()).isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(refund.toRefund().gatewayReference()).isEqualTo("re-1");
        assertThat(refund.dueAt(T0.plus(Duration.ofDays(1)))).isFalse();
        assertThatThrownBy(() -> refund.completedManually("ops", "again", T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aLateSuccessReplacesAFailureSoThatNobodyRefundsByHandAsWell() {
        refund.claimAttempt(policy, T0);
        refund.answered(answer(RefundResult.Status.FAILED), T0); // two asks crossed; the second was refused
        assertThat(refund.answered(answer(RefundResult.Status.SUCCEEDED), T0.plusSeconds(1))).isTrue();
        assertThat(refund.status()).isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(refund.toRefund().needsAttention()).isFalse();
        assertThat(refund.completableByHand()).isFalse();
    }

    @Test
    void anAskIsInFlightFromItsClaimUntilItsAnswerOrAMinute() {
        Duration window = Duration.ofSeconds(60);
        assertThat(refund.askInFlight(window, T0)).isFalse();
        refund.claimAttempt(policy, T0.plusSeconds(1));
        assertThat(refund.askInFlight(window, T0.plusSeconds(2))).isTrue();
        assertThat(refund.askInFlight(window, T0.plusSeconds(61))).isFalse(); // its node died: ask again
        refund.answered(answer(RefundResult.Status.PENDING), T0.plusSeconds(3));
        assertThat(refund.askInFlight(window, T0.plusSeconds(4))).isFalse();
    }

    @Test
    void anAskThatFoundNoProviderIsDueAgainAtOnce() {
        refund.claimAttempt(policy, T0);
        refund.providerAbsent(T0.plusSeconds(1));
        assertThat(refund.dueAt(T0.plusSeconds(1))).isTrue();
        assertThat(refund.askInFlight(Duration.ofSeconds(60), T0.plusSeconds(2))).isFalse();
        assertThat(refund.status()).isEqualTo(RefundStatus.REQUESTED);
        assertThat(refund.attempts()).isZero(); // ten minutes without the provider are not ten asks
    }

    @Test
    void onlyManualAndFailedRefundsAreCompletedByHand() {
        assertThat(refund.completableByHand()).isFalse(); // REQUESTED: the gateway may still pay it
        refund.answered(answer(RefundResult.Status.PENDING), T0);
        assertThat(refund.completableByHand()).isFalse();
        assertThatThrownBy(() -> refund.completedManually("ops", "by hand", T0)).isInstanceOf(IllegalStateException.class);

        refund.answered(answer(RefundResult.Status.FAILED), T0);
        assertThat(refund.toRefund().needsAttention()).isTrue();
        assertThat(refund.completableByHand()).isTrue();
        refund.completedManually("ops", "bank transfer 42", T0);
        assertThat(refund.status()).isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(refund.toRefund().needsAttention()).isFalse();

        RefundEntity manual = new RefundEntity("r-2", "p-2", "o-2", new Money(100, "MAD"), "x", "ops", T0);
        manual.answered(RefundResult.unsupported("no refund API"), T0);
        assertThat(manual.status()).isEqualTo(RefundStatus.MANUAL);
        assertThat(manual.completableByHand()).isTrue();
    }

    @Test
    void aRefundOfAStrayChargeIsKnownAsSuchEvenWhenTheGatewayNeverNamedTheCharge() {
        assertThat(refund.ofStrayCharge()).isFalse();
        RefundEntity named = new RefundEntity("r-3", "p-1", "o-1", new Money(25_000, "MAD"), "second charge", "system",
                "ch_2", "sandbox", null, T0);
        RefundEntity unnamed = new RefundEntity("r-4", "p-1", "o-1", new Money(25_000, "MAD"), "success after failure",
                "system", null, "youcanpay", null, T0);
        assertThat(named.ofStrayCharge()).isTrue();
        assertThat(unnamed.ofStrayCharge()).isTrue();
    }
}
