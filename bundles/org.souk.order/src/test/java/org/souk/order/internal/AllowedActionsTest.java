package org.souk.order.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
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

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.souk.order.api.CancellationReason;
import org.souk.order.api.OrderAction;
import org.souk.order.api.OrderStage;
import org.souk.order.api.OrderStatus;
import org.souk.order.internal.AllowedActions.Party;
import org.souk.order.internal.OrderStateMachine.Action;
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
    void whatIsOfferedIsWhatTheServiceTakes() {
        // Every action offered, in every situation, maps onto what the desks accept from that situation; and
        // every action the order's rules know is offered somewhere, so no branch below goes untested.
        State[] states = {State.PENDING, AWAITING, WORKING, DELIVERED, new State(OrderStatus.COMPLETED, null),
                new State(OrderStatus.CANCELLED, null)};
        Party[] cancellationAskers = {null, Party.CLIENT, Party.FREELANCER};
        Party[] extensionAskers = {null, Party.FREELANCER}; // only the freelancer asks for more days
        Set<OrderAction> seen = EnumSet.noneOf(OrderAction.class);
        for (State state : states) {
            for (Party cancellation : cancellationAskers) {
                for (Party extension : extensionAskers) {
                    for (boolean late : new boolean[] {false, true}) {
                        for (boolean disputed : new boolean[] {false, true}) {
                            var situation = new AllowedActions.Situation(state, 0, 1, late, cancellation, extension,
                                    disputed, true);
                            for (Party party : Party.values()) {
                                for (OrderAction action : AllowedActions.of(situation, party)) {
                                    seen.add(action);
                                    assertTaken(situation, party, action);
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(
                EnumSet.complementOf(EnumSet.of(OrderAction.REVIEW, OrderAction.REPLY_TO_REVIEW)));
    }

    /** Fails unless the service would take this action from this party in this situation. */
    private static void assertTaken(AllowedActions.Situation situation, Party party, OrderAction action) {
        State state = situation.state();
        String where = action + " offered to " + party + " in " + situation;
        boolean side = party == Party.CLIENT || party == Party.FREELANCER;
        Party other = party == Party.CLIENT ? Party.FREELANCER : Party.CLIENT;
        switch (action) {
            // The payment bundle confirms the payment of an order the client pays.
            case PAY -> {
                assertThat(party).as(where).isEqualTo(Party.CLIENT);
                OrderStateMachine.next(state, Action.CONFIRM_PAYMENT);
            }
            case WITHDRAW -> {
                assertThat(party).as(where).isEqualTo(Party.CLIENT);
                OrderStateMachine.next(state, Action.CANCEL, CancellationReason.CLIENT_WITHDREW, 0, 1);
            }
            case ACCEPT -> {
                assertThat(party).as(where).isEqualTo(Party.FREELANCER);
                OrderStateMachine.next(state, Action.ACCEPT);
            }
            case DECLINE -> {
                assertThat(party).as(where).isEqualTo(Party.FREELANCER);
                OrderStateMachine.next(state, Action.CANCEL, CancellationReason.FREELANCER_DECLINED, 0, 1);
            }
            case DELIVER -> {
                assertThat(party).as(where).isEqualTo(Party.FREELANCER);
                OrderStateMachine.next(state, Action.DELIVER);
            }
            case REQUEST_REVISION -> {
                assertThat(party).as(where).isEqualTo(Party.CLIENT);
                OrderStateMachine.next(state, Action.REQUEST_REVISION, null, situation.revisionsUsed(),
                        situation.revisionsAllowed());
            }
            case COMPLETE -> {
                assertThat(party).as(where).isEqualTo(Party.CLIENT);
                OrderStateMachine.next(state, Action.COMPLETE);
            }
            case CANCEL_LATE -> {
                assertThat(party).as(where).isEqualTo(Party.CLIENT);
                assertThat(situation.lateCancellable()).as(where).isTrue();
                OrderStateMachine.next(state, Action.CANCEL, CancellationReason.LATE_DELIVERY, 0, 1);
            }
            case CANCEL -> {
                assertThat(party).as(where).isEqualTo(Party.ADMIN);
                OrderStateMachine.next(state, Action.CANCEL, CancellationReason.POLICY_VIOLATION, 0, 1);
            }
            // A dispute is about work under way or delivered, and nothing is disputed twice.
            case OPEN_DISPUTE -> {
                assertThat(side).as(where).isTrue();
                assertThat(situation.disputed()).as(where).isFalse();
                assertThat(state.stage()).as(where).isIn(OrderStage.IN_PROGRESS, OrderStage.DELIVERED);
                OrderStateMachine.next(state, Action.DECIDE_COMPLETE);
                OrderStateMachine.next(state, Action.RESUME);
            }
            // Requests are made by a side of a paid order that is not disputed, one open request of a kind at a time.
            case REQUEST_CANCELLATION -> {
                assertThat(side).as(where).isTrue();
                assertThat(situation.disputed()).as(where).isFalse();
                assertThat(situation.cancellationAskedBy()).as(where).isNull();
                OrderStateMachine.next(state, Action.CANCEL, CancellationReason.MUTUAL_AGREEMENT, 0, 1);
            }
            case ANSWER_CANCELLATION -> {
                assertThat(side).as(where).isTrue();
                assertThat(situation.cancellationAskedBy()).as(where).isEqualTo(other);
                OrderStateMachine.next(state, Action.CANCEL, CancellationReason.MUTUAL_AGREEMENT, 0, 1);
            }
            case WITHDRAW_CANCELLATION_REQUEST -> assertThat(situation.cancellationAskedBy()).as(where).isEqualTo(party);
            case REQUEST_EXTENSION -> {
                assertThat(party).as(where).isEqualTo(Party.FREELANCER);
                assertThat(situation.disputed()).as(where).isFalse();
                assertThat(situation.extensionAskedBy()).as(where).isNull();
                assertThat(state.stage()).as(where).isEqualTo(OrderStage.IN_PROGRESS);
            }
            case ANSWER_EXTENSION -> {
                assertThat(side).as(where).isTrue();
                assertThat(situation.extensionAskedBy()).as(where).isEqualTo(other);
                assertThat(state.stage()).as(where).isEqualTo(OrderStage.IN_PROGRESS);
            }
            case WITHDRAW_EXTENSION_REQUEST -> {
                assertThat(situation.extensionAskedBy()).as(where).isEqualTo(party);
                assertThat(state.stage()).as(where).isEqualTo(OrderStage.IN_PROGRESS);
            }
            // Reviews are offered by the reviews service, never by the order's own rules.
            case REVIEW, REPLY_TO_REVIEW -> fail(where);
        }
    }
}
