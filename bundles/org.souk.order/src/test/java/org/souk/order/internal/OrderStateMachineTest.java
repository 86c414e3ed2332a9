package org.souk.order.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.souk.common.api.ConflictException;
import org.souk.order.api.CancellationReason;
import org.souk.order.api.OrderStage;
import org.souk.order.api.OrderStatus;
import org.souk.order.internal.OrderStateMachine.Action;
import org.souk.order.internal.OrderStateMachine.State;

class OrderStateMachineTest {

    private static final State AWAITING = new State(OrderStatus.PROCESSING, OrderStage.AWAITING_ACCEPTANCE);
    private static final State WORKING = new State(OrderStatus.PROCESSING, OrderStage.IN_PROGRESS);
    private static final State DELIVERED = new State(OrderStatus.PROCESSING, OrderStage.DELIVERED);
    private static final State COMPLETED = new State(OrderStatus.COMPLETED, null);
    private static final State CANCELLED = new State(OrderStatus.CANCELLED, null);

    @Test
    void theHappyPathRunsFromPaymentToCompletion() {
        State s = OrderStateMachine.next(State.PENDING, Action.CONFIRM_PAYMENT);
        assertThat(s).isEqualTo(AWAITING);
        s = OrderStateMachine.next(s, Action.ACCEPT);
        assertThat(s).isEqualTo(WORKING);
        s = OrderStateMachine.next(s, Action.DELIVER);
        assertThat(s).isEqualTo(DELIVERED);
        s = OrderStateMachine.next(s, Action.REQUEST_REVISION, null, 0, 1);
        assertThat(s).isEqualTo(WORKING);
        s = OrderStateMachine.next(OrderStateMachine.next(s, Action.DELIVER), Action.COMPLETE);
        assertThat(s).isEqualTo(COMPLETED);
    }

    @Test
    void aSecondPaymentConfirmationIsRefused() {
        assertThatThrownBy(() -> OrderStateMachine.next(AWAITING, Action.CONFIRM_PAYMENT))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("PROCESSING/AWAITING_ACCEPTANCE cannot be confirmed as paid");
    }

    @Test
    void revisionsStopWhenThePackageAllowanceIsUsed() {
        assertThatThrownBy(() -> OrderStateMachine.next(DELIVERED, Action.REQUEST_REVISION, null, 2, 2))
                .isInstanceOf(ConflictException.class).hasMessageContaining("2 revision(s) are used up");
        assertThatThrownBy(() -> OrderStateMachine.next(DELIVERED, Action.REQUEST_REVISION, null, 0, 0))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void workCannotSkipStages() {
        assertThatThrownBy(() -> OrderStateMachine.next(State.PENDING, Action.ACCEPT)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> OrderStateMachine.next(AWAITING, Action.DELIVER)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> OrderStateMachine.next(WORKING, Action.COMPLETE)).isInstanceOf(ConflictException.class);
    }

    @Test
    void unpaidOrdersCancelOnlyForPrePaymentReasons() {
        assertThat(OrderStateMachine.next(State.PENDING, Action.CANCEL, CancellationReason.PAYMENT_FAILED, 0, 0))
                .isEqualTo(CANCELLED);
        assertThatThrownBy(() -> OrderStateMachine.next(State.PENDING, Action.CANCEL, CancellationReason.LATE_DELIVERY, 0, 0))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void aFreelancerDeclinesOnlyBeforeAccepting() {
        assertThat(OrderStateMachine.next(AWAITING, Action.CANCEL, CancellationReason.FREELANCER_DECLINED, 0, 0))
                .isEqualTo(CANCELLED);
        assertThatThrownBy(() -> OrderStateMachine.next(WORKING, Action.CANCEL, CancellationReason.FREELANCER_DECLINED, 0, 0))
                .isInstanceOf(ConflictException.class);
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void closedOrdersNeverMove(Action action) {
        for (State closed : new State[] {COMPLETED, CANCELLED}) {
            assertThatThrownBy(() -> OrderStateMachine.next(closed, action, CancellationReason.POLICY_VIOLATION, 0, 5))
                    .isInstanceOf(ConflictException.class);
        }
    }
}
