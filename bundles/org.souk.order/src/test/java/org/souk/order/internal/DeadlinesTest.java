package org.souk.order.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

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
        assertThat(Deadlines.startedBy(Action.ACCEPT)).containsExactly(DeadlineKind.DUE);
        assertThat(Deadlines.startedBy(Action.REQUEST_REVISION)).containsExactly(DeadlineKind.REVISION_DUE);
        for (Action other : Action.values()) {
            if (other != Action.DELIVER && other != Action.CONFIRM_PAYMENT && other != Action.ACCEPT
                    && other != Action.REQUEST_REVISION) {
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
    void theFirstDeliveryEndsTheDueDateAndTheClientMayCancelOnlyNeverDeliveredWorkPastTheGrace() {
        assertThat(Deadlines.watches(DeadlineKind.DUE, IN_PROGRESS)).isTrue();
        assertThat(Deadlines.watches(DeadlineKind.DUE, DELIVERED)).isFalse();
        assertThat(Deadlines.watches(DeadlineKind.DUE, new State(OrderStatus.COMPLETED, null))).isFalse();
        assertThat(Deadlines.firedHere(DeadlineKind.DUE)).isTrue();
        Instant due = Instant.parse("2026-12-01T10:00:00Z");
        Deadlines.Windows d = Deadlines.Windows.DEFAULT;
        assertThat(Deadlines.lateCancellable(IN_PROGRESS, due, null, due.plus(Duration.ofHours(23)), d)).isFalse();
        assertThat(Deadlines.lateCancellable(IN_PROGRESS, due, null, due.plus(Duration.ofHours(24)), d)).isTrue();
        assertThat(Deadlines.lateCancellable(DELIVERED, due, null, due.plus(Duration.ofDays(9)), d)).isFalse();
        assertThat(Deadlines.lateCancellable(IN_PROGRESS, null, null, due, d)).isFalse();
    }

    @Test
    void workDeliveredOnTimeIsNeverLateWhateverARevisionAsksAfter() {
        // A 5-day package delivered on day 4; on day 6 the client asks a revision: IN_PROGRESS again, past the due date.
        Instant due = Instant.parse("2026-12-06T10:00:00Z");
        Instant delivered = due.minus(Duration.ofDays(1));
        Instant revisionAsked = due.plus(Duration.ofDays(1));
        Deadlines.Windows d = Deadlines.Windows.DEFAULT;
        assertThat(Deadlines.lateCancellable(IN_PROGRESS, due, delivered, revisionAsked, d)).isFalse();
        assertThat(Deadlines.lateCancellable(IN_PROGRESS, due, delivered, revisionAsked.plus(Duration.ofDays(30)), d)).isFalse();
        // Delivered late is delivered too: from then on only a dispute settles it.
        assertThat(Deadlines.lateCancellable(IN_PROGRESS, due, due.plus(Duration.ofDays(3)), due.plus(Duration.ofDays(5)), d))
                .isFalse();
        // The revision gets its own due date, which only warns: it fires here and gives no right to cancel.
        assertThat(Deadlines.dueAt(DeadlineKind.REVISION_DUE, revisionAsked, d, due))
                .isEqualTo(revisionAsked.plus(Duration.ofDays(3)));
        assertThat(Deadlines.watches(DeadlineKind.REVISION_DUE, IN_PROGRESS)).isTrue();
        assertThat(Deadlines.watches(DeadlineKind.REVISION_DUE, DELIVERED)).isFalse();
        assertThat(Deadlines.firedHere(DeadlineKind.REVISION_DUE)).isTrue();
        assertThat(Deadlines.firedHere(DeadlineKind.CANCELLATION_ANSWER)).isFalse();
        assertThat(Deadlines.Windows.of(config("P3D")).revision()).isEqualTo(Duration.ofDays(5));
        assertThat(Deadlines.Windows.limits(config("P3D"))).isEqualTo(new CancellationRules.Limits(Duration.ofDays(1), 3));
    }

    @Test
    void windowsComeFromTheConfigurationAndFallBackWhenNonsense() {
        Instant now = Instant.parse("2026-11-28T10:00:00Z");
        Instant orderDue = now.plus(Duration.ofDays(5));
        Deadlines.Windows d = Deadlines.Windows.DEFAULT;
        assertThat(Deadlines.dueAt(DeadlineKind.AUTO_COMPLETE, now, d, null)).isEqualTo(now.plus(Duration.ofDays(3)));
        assertThat(Deadlines.dueAt(DeadlineKind.PAYMENT_EXPIRY, now, d, null)).isEqualTo(now.plus(Duration.ofHours(24)));
        assertThat(Deadlines.dueAt(DeadlineKind.ACCEPTANCE, now, d, null)).isEqualTo(now.plus(Duration.ofHours(48)));
        assertThat(Deadlines.dueAt(DeadlineKind.DUE, now, d, orderDue)).isEqualTo(orderDue);
        assertThat(Deadlines.dueAt(DeadlineKind.CANCELLATION_ANSWER, now, d, null)).isEqualTo(now.plus(Duration.ofHours(48)));
        assertThat(Deadlines.Windows.of(config("PT36H")).review()).isEqualTo(Duration.ofHours(36));
        assertThat(Deadlines.Windows.of(config("soon")).review()).isEqualTo(Duration.ofDays(3));
        assertThat(Deadlines.Windows.of(config("-P1D")).review()).isEqualTo(Duration.ofDays(3));
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
            public String late_grace() {
                return "PT24H";
            }

            @Override
            public String review_window() {
                return review;
            }

            @Override
            public String cancellation_answer_window() {
                return "PT48H";
            }

            @Override
            public String timers_poll() {
                return "PT10S";
            }

            @Override
            public String cancellation_cooldown() {
                return "P1D";
            }

            @Override
            public int cancellation_max_requests() {
                return 3;
            }

            @Override
            public String revision_window() {
                return "P5D";
            }

            @Override
            public String dispute_attention_after() {
                return "P3D";
            }
        };
    }
}
