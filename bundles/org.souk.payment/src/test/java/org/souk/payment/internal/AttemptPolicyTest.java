package org.souk.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.souk.payment.api.AttemptStatus;
import org.souk.payment.api.PaymentProblems;
import org.souk.payment.api.PaymentStatus;
import org.souk.payment.internal.AttemptPolicy.AfterDecline;

class AttemptPolicyTest {

    private final AttemptPolicy three = new AttemptPolicy(3);

    @Test
    void aDeclineBeforeTheLastAttemptAwaitsANewOneAndTheLastFailsThePayment() {
        assertThat(three.afterDecline(1)).isEqualTo(AfterDecline.AWAIT_NEW_ATTEMPT);
        assertThat(three.afterDecline(2)).isEqualTo(AfterDecline.AWAIT_NEW_ATTEMPT);
        assertThat(three.afterDecline(3)).isEqualTo(AfterDecline.FAIL);
        assertThat(three.attemptsLeftAfter(1)).isEqualTo(2);
        assertThat(three.attemptsLeftAfter(3)).isZero();
        // One attempt: a decline fails the payment at once, as before attempts existed.
        assertThat(new AttemptPolicy(1).afterDecline(1)).isEqualTo(AfterDecline.FAIL);
    }

    @Test
    void theClientPaysAgainOnlyWhileTheLatestAttemptIsDeclinedAndAttemptsRemain() {
        assertThat(three.refusalToPayAgain(PaymentStatus.PENDING, AttemptStatus.DECLINED, 1)).isNull();
        assertThat(three.refusalToPayAgain(PaymentStatus.PENDING, AttemptStatus.DECLINED, 2)).isNull();
        assertThat(three.refusalToPayAgain(PaymentStatus.PENDING, AttemptStatus.PENDING, 1).problemType())
                .isEqualTo(PaymentProblems.ATTEMPT_IN_PROGRESS);
        assertThat(three.refusalToPayAgain(PaymentStatus.PENDING, AttemptStatus.PENDING, 2).message()).contains("under way");
        assertThat(three.refusalToPayAgain(PaymentStatus.SUCCESS, AttemptStatus.SUCCEEDED, 1).message()).contains("paid");
        assertThat(three.refusalToPayAgain(PaymentStatus.FAILED, AttemptStatus.DECLINED, 3).message()).contains("failed");
        assertThat(three.refusalToPayAgain(PaymentStatus.FAILED, AttemptStatus.FAILED, 1).problemType())
                .isEqualTo("conflict");
    }

    @Test
    void aLoweredLimitStopsFurtherAttemptsOfAPaymentThatAlreadyHadThatMany() {
        AttemptPolicy two = new AttemptPolicy(2);
        assertThat(two.refusalToPayAgain(PaymentStatus.PENDING, AttemptStatus.DECLINED, 2))
                .isEqualTo(new AttemptPolicy.Refusal(PaymentProblems.NO_ATTEMPTS_LEFT,
                        "The order's payment has had its 2 attempts; no more are allowed"));
        assertThat(two.afterDecline(3)).isEqualTo(AfterDecline.FAIL);
    }

    @Test
    void atLeastOneAttempt() {
        assertThatThrownBy(() -> new AttemptPolicy(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
