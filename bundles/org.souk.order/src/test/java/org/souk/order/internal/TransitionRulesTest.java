package org.souk.order.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.Role;
import org.souk.order.api.CancellationReason;
import org.souk.order.api.OrderProblems;
import org.souk.order.api.OrderStage;
import org.souk.order.api.OrderStatus;
import org.souk.order.internal.OrderStateMachine.Action;
import org.souk.order.internal.OrderStateMachine.State;

/** Who may move an order, without a database: the order is built in memory. */
class TransitionRulesTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final Caller CLIENT = new Caller("amina", Role.CLIENT);
    private static final Caller FREELANCER = new Caller("youssef", Role.FREELANCER);
    private static final Caller ADMIN = new Caller("nadia", Role.ADMIN);
    private static final Deadlines.Windows WINDOWS = Deadlines.Windows.DEFAULT;

    /** Accepted at T0 with three delivery days: due at T0 + 3 days, late (for the client alone) a day after. */
    private static OrderEntity working() {
        OrderEntity order = new OrderEntity("o-1", CLIENT.userId(), FREELANCER.userId(), "gig-1", "A menu design",
                OrdersOnDerby.GIG.packages().get(0), "A menu", T0);
        order.moveTo(State.PENDING, T0, CLIENT.userId(), "order placed");
        order.moveTo(new State(OrderStatus.PROCESSING, OrderStage.AWAITING_ACCEPTANCE), T0, "system", "paid");
        order.accepted(T0);
        order.moveTo(new State(OrderStatus.PROCESSING, OrderStage.IN_PROGRESS), T0, FREELANCER.userId(), "accepted");
        return order;
    }

    private static void cancelLate(Caller caller, OrderEntity order, Instant now) {
        TransitionRules.authorize(caller, order, Action.CANCEL, CancellationReason.LATE_DELIVERY, now, WINDOWS);
    }

    @Test
    void theClientCancelsLateWorkAloneFromItsDueDatePlusTheGrace() {
        OrderEntity order = working();
        Instant lateFrom = T0.plus(Duration.ofDays(3)).plus(WINDOWS.lateGrace());
        assertThatThrownBy(() -> cancelLate(CLIENT, order, lateFrom.minusSeconds(1)))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.problemType()).isEqualTo(OrderProblems.WINDOW_CLOSED);
                    assertThat(e.getMessage()).contains(lateFrom.toString());
                });
        assertThatCode(() -> cancelLate(CLIENT, order, lateFrom)).doesNotThrowAnyException();
        assertThatThrownBy(() -> cancelLate(FREELANCER, order, lateFrom)).isInstanceOf(ForbiddenException.class);
        // An administrator cancels for any reason the state allows, late or not.
        assertThatCode(() -> cancelLate(ADMIN, order, T0)).doesNotThrowAnyException();
    }

    @Test
    void workDeliveredOnceIsNeverLateEvenWhenARevisionSendsItBack() {
        OrderEntity order = working();
        order.delivered(T0.plus(Duration.ofDays(1)));
        order.revisionRequested();
        Instant longAfter = T0.plus(Duration.ofDays(30));
        assertThatThrownBy(() -> cancelLate(CLIENT, order, longAfter))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.problemType()).isEqualTo(OrderProblems.WINDOW_CLOSED);
                    assertThat(e.getMessage()).contains("delivered on");
                });
    }

    @Test
    void eachSideTakesOnlyItsOwnMoves() {
        OrderEntity order = working();
        assertThatCode(() -> TransitionRules.authorize(FREELANCER, order, Action.DELIVER, null, T0, WINDOWS))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> TransitionRules.authorize(CLIENT, order, Action.DELIVER, null, T0, WINDOWS))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("freelancer");
        assertThatThrownBy(() -> TransitionRules.authorize(FREELANCER, order, Action.COMPLETE, null, T0, WINDOWS))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("client");
        assertThatThrownBy(() -> TransitionRules.authorize(CLIENT, order, Action.CONFIRM_PAYMENT, null, T0, WINDOWS))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> TransitionRules.authorize(CLIENT, order, Action.CANCEL,
                CancellationReason.POLICY_VIOLATION, T0, WINDOWS)).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void whileDisputedOnlyTheClientsAcceptanceAndAnAdministratorMoveTheOrder() {
        OrderEntity order = working();
        order.disputeOpened("d-1");
        assertThatThrownBy(() -> TransitionRules.authorize(FREELANCER, order, Action.DELIVER, null, T0, WINDOWS))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.problemType()).isEqualTo(OrderProblems.DISPUTED));
        assertThatCode(() -> TransitionRules.authorize(CLIENT, order, Action.COMPLETE, null, T0, WINDOWS))
                .doesNotThrowAnyException();
        assertThatCode(() -> TransitionRules.authorize(ADMIN, order, Action.DECIDE_COMPLETE, null, T0, WINDOWS))
                .doesNotThrowAnyException();
    }
}
