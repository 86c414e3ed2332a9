package org.souk.order.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.souk.order.api.DeadlineKind;
import org.souk.order.api.OrderStage;
import org.souk.order.api.OrderStatus;
import org.souk.order.internal.OrderStateMachine.Action;
import org.souk.order.internal.OrderStateMachine.State;

class DeadlinesTest {

    private static final State DELIVERED = new State(OrderStatus.PROCESSING, OrderStage.DELIVERED);
    private static final State IN_PROGRESS = new State(OrderStatus.PROCESSING, OrderStage.IN_PROGRESS);

    @Test
    void placingStartsThePaymentWindowPaymentTheAcceptanceWindowAndADeliveryTheReviewWindow() {
        assertThat(Deadlines.startedByPlacing()).containsExactly(DeadlineKind.PAYMENT_EXPIRY);
        assertThat(Deadlines.startedBy(Action.CONFIRM_PAYMENT)).containsExactly(DeadlineKind.ACCEPTANCE);
        assertThat(Deadlines.startedBy(Action.DELIVER)).containsExactly(DeadlineKind.AUTO_COMPLETE);
        for (Action other : Action.values()) {
            if (other != Action.DELIVER && other != Action.CONFIRM_PAYMENT) {
                assertThat(Deadlines.startedBy(other)).as(other.name()).isEmpty();
            }
        }
        assertThat(Deadlines.firedHere(DeadlineKind.AUTO_COMPLETE)).isTrue();
        assertThat(Deadlines.firedHere(DeadlineKind.ACCEPTANCE)).isFalse(); // a refund: the payment bundle's
        assertThat(Deadlines.firedHere(DeadlineKind.PAYMENT_EXPIRY)).isFalse();
    }

    @Test
    void eachWindowEndsWhenTheOrderLeavesTheStateItWatches() {
        State awaiting = new State(OrderStatus.PROCESSING, OrderStage.AWAITING_ACCEPTANCE);
        assertThat(Deadlines.watches(DeadlineKind.PAYMENT_EXPIRY, State.PENDING)).isTrue();
        assertThat(Deadlines.watches(DeadlineKind.PAYMENT_EXPIRY, awaiting)).isFalse();
        assertThat(Deadlines.watches(DeadlineKind.ACCEPTANCE, awaiting)).isTrue();
        assertThat(Deadlines.watches(DeadlineKind.ACCEPTANCE, IN_PROGRESS)).isFalse();
        assertThat(Deadlines.watches(DeadlineKind.ACCEPTANCE, new State(OrderStatus.CANCELLED, null))).isFalse();
    }

    @Test
    void theReviewWindowEndsWhenTheOrderLeavesDelivered() {
        assertThat(Deadlines.watches(DeadlineKind.AUTO_COMPLETE, DELIVERED)).isTrue();
        assertThat(Deadlines.watches(DeadlineKind.AUTO_COMPLETE, IN_PROGRESS)).isFalse(); // a revision was asked
        assertThat(Deadlines.watches(DeadlineKind.AUTO_COMPLETE, new State(OrderStatus.COMPLETED, null))).isFalse();
        assertThat(Deadlines.watches(DeadlineKind.AUTO_COMPLETE, new State(OrderStatus.CANCELLED, null))).isFalse();
    }

    @Test
    void windowsComeFromTheConfigurationAndFallBackWhenNonsense() {
        assertThat(Deadlines.window(DeadlineKind.AUTO_COMPLETE, Deadlines.Windows.DEFAULT)).isEqualTo(Duration.ofDays(3));
        assertThat(Deadlines.window(DeadlineKind.PAYMENT_EXPIRY, Deadlines.Windows.DEFAULT)).isEqualTo(Duration.ofHours(24));
        assertThat(Deadlines.window(DeadlineKind.ACCEPTANCE, Deadlines.Windows.DEFAULT)).isEqualTo(Duration.ofHours(48));
        assertThat(Deadlines.Windows.of(config("PT36H")).review()).isEqualTo(Duration.ofHours(36));
        assertThat(Deadlines.Windows.of(config("soon")).review()).isEqualTo(Duration.ofDays(3));
        assertThat(Deadlines.Windows.of(config("-P1D")).review()).isEqualTo(Duration.ofDays(3));
        assertThat(DeadlinePoller.pollSeconds("PT0.2S")).isEqualTo(1);
        assertThat(DeadlinePoller.pollSeconds("PT1M")).isEqualTo(60);
        assertThat(DeadlinePoller.pollSeconds("often")).isEqualTo(10);
    }

    private static LifecycleConfig config(String review) {
        return new LifecycleConfig() {
            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return LifecycleConfig.class;
            }

            @Override
            public String payment_window() {
                return "PT24H";
            }

            @Override
            public String acceptance_window() {
                return "PT48H";
            }

            @Override
            public String review_window() {
                return review;
            }

            @Override
            public String timers_poll() {
                return "PT10S";
            }
        };
    }
}
