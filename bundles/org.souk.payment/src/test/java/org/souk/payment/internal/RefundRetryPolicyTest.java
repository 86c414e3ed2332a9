package org.souk.payment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RefundRetryPolicyTest {

    private final RefundRetryPolicy policy = new RefundRetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(10), 4);

    @Test
    void waitsTwiceAsLongEachTimeUpToTheLongest() {
        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(policy.delayAfter(4)).isEqualTo(Duration.ofMinutes(8));
        assertThat(policy.delayAfter(5)).isEqualTo(Duration.ofMinutes(10));
        assertThat(policy.delayAfter(1_000_000)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void isExhaustedAfterItsAttempts() {
        assertThat(policy.exhausted(3)).isFalse();
        assertThat(policy.exhausted(4)).isTrue();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new RefundRetryPolicy(Duration.ZERO, Duration.ofMinutes(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RefundRetryPolicy(Duration.ofMinutes(2), Duration.ofMinutes(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RefundRetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
