package org.souk.order.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.souk.order.api.OrderAction.ACCEPT;
import static org.souk.order.api.OrderAction.CANCEL;
import static org.souk.order.api.OrderAction.COMPLETE;
import static org.souk.order.api.OrderAction.DECLINE;
import static org.souk.order.api.OrderAction.DELIVER;
import static org.souk.order.api.OrderAction.OPEN_DISPUTE;
import static org.souk.order.api.OrderAction.PAY;
import static org.souk.order.api.OrderAction.REQUEST_REVISION;
import static org.souk.order.api.OrderAction.WITHDRAW;
import static org.souk.order.api.OrderAction.ANSWER_CANCELLATION;
import static org.souk.order.api.OrderAction.ANSWER_EXTENSION;
import static org.souk.order.api.OrderAction.REQUEST_CANCELLATION;
import static org.souk.order.api.OrderAction.REQUEST_EXTENSION;
import static org.souk.order.api.OrderAction.WITHDRAW_CANCELLATION_REQUEST;
import static org.souk.order.api.OrderAction.WITHDRAW_EXTENSION_REQUEST;

import org.junit.jupiter.api.Test;
import org.souk.order.api.OrderStage;
import org.souk.order.api.OrderStatus;
import org.souk.order.internal.AllowedActions.Party;
import org.souk.order.internal.OrderStateMachine.State;

class AllowedActionsTest {

    private static final State AWAITING = new State(OrderStatus.PROCESSING, OrderStage.AWAITING_ACCEPTANCE);
    private static final State WORKING = new State(OrderStatus.PROCESSING, OrderStage.IN_PROGRESS);
    private static final State DELIVERED = new State(OrderStatus.PROCESSING, OrderStage.DELIVERED);

    @Test
    void eachPartySeesWhatItMayDoNow() {
        assertThat(AllowedActions.of(State.PENDING, Party.CLIENT, 0, 1)).containsExactlyInAnyOrder(PAY, WITHDRAW);
        assertThat(AllowedActions.of(State.PENDING, Party.FREELANCER, 0, 1)).isEmpty();
        assertThat(AllowedActions.of(AWAITING, Party.FREELANCER, 0, 1)).containsExactlyInAnyOrder(ACCEPT, DECLINE, REQUEST_CANCELLATION);
        assertThat(AllowedActions.of(AWAITING, Party.CLIENT, 0, 1)).containsExactly(REQUEST_CANCELLATION);
        assertThat(AllowedActions.of(WORKING, Party.FREELANCER, 0, 1))
                .containsExactlyInAnyOrder(DELIVER, OPEN_DISPUTE, REQUEST_CANCELLATION, REQUEST_EXTENSION);
        assertThat(AllowedActions.of(DELIVERED, Party.CLIENT, 0, 1))
                .containsExactlyInAnyOrder(COMPLETE, REQUEST_REVISION, OPEN_DISPUTE, REQUEST_CANCELLATION);
        assertThat(AllowedActions.of(DELIVERED, Party.FREELANCER, 0, 1)).containsExactlyInAnyOrder(OPEN_DISPUTE, REQUEST_CANCELLATION);
        assertThat(AllowedActions.of(DELIVERED, Party.ADMIN, 0, 1)).containsExactly(CANCEL);
        assertThat(AllowedActions.of(new State(OrderStatus.COMPLETED, null), Party.ADMIN, 0, 1)).isEmpty();
        assertThat(AllowedActions.of(new State(OrderStatus.CANCELLED, null), Party.CLIENT, 0, 1)).isEmpty();
    }

    @Test
    void theClientMayCancelLateWorkAlone() {
        assertThat(AllowedActions.of(WORKING, Party.CLIENT, 0, 1, true))
                .containsExactlyInAnyOrder(org.souk.order.api.OrderAction.CANCEL_LATE, OPEN_DISPUTE, REQUEST_CANCELLATION);
        assertThat(AllowedActions.of(WORKING, Party.CLIENT, 0, 1, false)).containsExactlyInAnyOrder(OPEN_DISPUTE, REQUEST_CANCELLATION);
        assertThat(AllowedActions.of(WORKING, Party.FREELANCER, 0, 1, true))
                .containsExactlyInAnyOrder(DELIVER, OPEN_DISPUTE, REQUEST_CANCELLATION, REQUEST_EXTENSION);
        OrderStateMachine.next(WORKING, OrderStateMachine.Action.CANCEL, org.souk.order.api.CancellationReason.LATE_DELIVERY, 0, 1);
    }

    @Test
    void noRevisionIsOfferedOnceThePackagesAreUsedUp() {
        assertThat(AllowedActions.of(DELIVERED, Party.CLIENT, 1, 1)).containsExactlyInAnyOrder(COMPLETE, OPEN_DISPUTE, REQUEST_CANCELLATION);
    }

    @Test
    void anOpenRequestIsAnsweredByTheOtherSideAndWithdrawnByItsAuthor() {
        var cancellationByClient = new AllowedActions.Situation(WORKING, 0, 1, false, Party.CLIENT, null);
        assertThat(AllowedActions.of(cancellationByClient, Party.CLIENT)).containsExactlyInAnyOrder(OPEN_DISPUTE, WITHDRAW_CANCELLATION_REQUEST);
        assertThat(AllowedActions.of(cancellationByClient, Party.FREELANCER))
                .containsExactlyInAnyOrder(DELIVER, OPEN_DISPUTE, ANSWER_CANCELLATION, REQUEST_EXTENSION);
        var extension = new AllowedActions.Situation(WORKING, 0, 1, false, null, Party.FREELANCER);
        assertThat(AllowedActions.of(extension, Party.CLIENT)).containsExactlyInAnyOrder(OPEN_DISPUTE, REQUEST_CANCELLATION, ANSWER_EXTENSION);
        assertThat(AllowedActions.of(extension, Party.FREELANCER))
                .containsExactlyInAnyOrder(DELIVER, OPEN_DISPUTE, REQUEST_CANCELLATION, WITHDRAW_EXTENSION_REQUEST);
        // Nobody else takes part, and an unpaid or closed order has no requests.
        assertThat(AllowedActions.of(cancellationByClient, Party.ADMIN)).containsExactly(CANCEL);
        assertThat(AllowedActions.of(cancellationByClient, Party.OTHER)).isEmpty();
        assertThat(AllowedActions.of(new AllowedActions.Situation(new State(OrderStatus.CANCELLED, null), 0, 1, false,
                null, null), Party.CLIENT)).isEmpty();
    }

    @Test
    void aSideThatAskedTooOftenIsNotOfferedAnotherCancellationRequest() {
        var cooling = new AllowedActions.Situation(DELIVERED, 0, 1, false, null, null, false, false);
        assertThat(AllowedActions.of(cooling, Party.CLIENT)).containsExactlyInAnyOrder(COMPLETE, REQUEST_REVISION, OPEN_DISPUTE);
    }

    @Test
    void whileDisputedNothingMovesButTheClientMayStillAcceptTheDelivery() {
        var disputed = new AllowedActions.Situation(DELIVERED, 0, 1, false, null, null, true, true);
        assertThat(AllowedActions.of(disputed, Party.CLIENT)).containsExactly(COMPLETE);
        assertThat(AllowedActions.of(disputed, Party.FREELANCER)).isEmpty();
        assertThat(AllowedActions.of(disputed, Party.ADMIN)).containsExactly(CANCEL);
        var working = new AllowedActions.Situation(WORKING, 0, 1, true, null, null, true, true);
        assertThat(AllowedActions.of(working, Party.CLIENT)).isEmpty();
        assertThat(AllowedActions.of(working, Party.FREELANCER)).isEmpty();
    }

    @Test
    void whatIsOfferedIsWhatTheStateMachineTakes() {
        // Every action offered maps onto a transition the state machine allows from that state.
        State[] states = {State.PENDING, AWAITING, WORKING, DELIVERED};
        for (State state : states) {
            for (Party party : Party.values()) {
                for (var action : AllowedActions.of(state, party, 0, 1)) {
                    switch (action) {
                        case ACCEPT -> OrderStateMachine.next(state, OrderStateMachine.Action.ACCEPT);
                        case DELIVER -> OrderStateMachine.next(state, OrderStateMachine.Action.DELIVER);
                        case COMPLETE -> OrderStateMachine.next(state, OrderStateMachine.Action.COMPLETE);
                        case REQUEST_REVISION -> OrderStateMachine.next(state, OrderStateMachine.Action.REQUEST_REVISION, null, 0, 1);
                        case DECLINE -> OrderStateMachine.next(state, OrderStateMachine.Action.CANCEL,
                                org.souk.order.api.CancellationReason.FREELANCER_DECLINED, 0, 1);
                        case WITHDRAW -> OrderStateMachine.next(state, OrderStateMachine.Action.CANCEL,
                                org.souk.order.api.CancellationReason.CLIENT_WITHDREW, 0, 1);
                        case CANCEL -> OrderStateMachine.next(state, OrderStateMachine.Action.CANCEL,
                                org.souk.order.api.CancellationReason.POLICY_VIOLATION, 0, 1);
                        case REQUEST_CANCELLATION -> OrderStateMachine.next(state, OrderStateMachine.Action.CANCEL,
                                org.souk.order.api.CancellationReason.MUTUAL_AGREEMENT, 0, 1);
                        default -> { }
                    }
                }
            }
        }
    }
}
