package org.souk.order.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.souk.order.internal.OrdersOnDerby.CLIENT;
import static org.souk.order.internal.OrdersOnDerby.FREELANCER;
import static org.souk.order.internal.OrdersOnDerby.STRANGER;
import static org.souk.order.internal.OrdersOnDerby.TOTAL;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.Money;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.ValidationException;
import org.souk.order.api.AgreedCancellation;
import org.souk.order.api.CancellationReason;
import org.souk.order.api.DeadlineKind;
import org.souk.order.api.Order;
import org.souk.order.api.OrderAction;
import org.souk.order.api.OrderProblems;
import org.souk.order.api.OrderRequest;
import org.souk.order.api.OrderStage;
import org.souk.order.api.OrderStatus;
import org.souk.order.api.OrderTopics;
import org.souk.order.api.RequestKind;
import org.souk.order.api.RequestStatus;

/** Cancellation and extension requests between the two sides, on Derby, with the clock moved by hand. */
class RequestDeskTest {

    private static final Money PART = new Money(10_000, "MAD");

    private final OrdersOnDerby orders = new OrdersOnDerby();

    @AfterEach
    void close() {
        orders.close();
    }

    private static String problem(Runnable call) {
        return catchThrowableOfType(call::run, ConflictException.class).problemType();
    }

    @Test
    void aCancellationAcceptedByTheOtherSideCancelsTheOrderWithTheAgreedRefund() {
        String id = orders.working();
        OrderRequest asked = orders.requests.requestCancellation(CLIENT, id, "We closed the café", PART);
        assertThat(asked.status()).isEqualTo(RequestStatus.OPEN);
        assertThat(asked.refund()).isEqualTo(PART);
        assertThat(asked.answerBy()).isEqualTo(OrdersOnDerby.T0.plus(Duration.ofHours(48)));
        Order seen = orders.order(FREELANCER, id);
        assertThat(seen.deadlines()).containsEntry(DeadlineKind.CANCELLATION_ANSWER, asked.answerBy());
        assertThat(seen.allowedActions()).contains(OrderAction.ANSWER_CANCELLATION);
        assertThat(orders.order(CLIENT, id).allowedActions()).contains(OrderAction.WITHDRAW_CANCELLATION_REQUEST)
                .doesNotContain(OrderAction.ANSWER_CANCELLATION);
        // A partial refund after work began: silence would not accept it, and the freelancer is told so.
        assertThat(orders.lastPosted(id, OrderTopics.REQUEST_CHANGED).getProperty(OrderTopics.ON_SILENCE))
                .isEqualTo("EXPIRE");
        assertThat(problem(() -> orders.requests.requestCancellation(FREELANCER, id, "me too", null)))
                .isEqualTo(OrderProblems.REQUEST_ALREADY_OPEN);
        assertThatThrownBy(() -> orders.requests.acceptCancellation(CLIENT, id, null)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> orders.requests.acceptCancellation(STRANGER, id, null)).isInstanceOf(NotFoundException.class);

        AgreedCancellation agreed = orders.requests.acceptCancellation(FREELANCER, id, "Sorry to hear it");
        assertThat(agreed.refund()).isEqualTo(PART);
        assertThat(agreed.request().status()).isEqualTo(RequestStatus.ACCEPTED);
        assertThat(agreed.request().answeredBy()).isEqualTo(FREELANCER.userId());
        assertThat(agreed.order().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(agreed.order().cancellationReason()).isEqualTo(CancellationReason.MUTUAL_AGREEMENT);
        assertThat(agreed.order().deadlines()).isEmpty();
        assertThat(agreed.order().timeline()).last().satisfies(e ->
                assertThat(e.reason()).isEqualTo("mutual agreement, refund 100.00 MAD: We closed the café"));
        assertThat(orders.after(Duration.ofDays(3))).isZero();
    }

    @Test
    void aDeclinedRequestChangesNothingAndTheSameSideWaitsTheCooldownThenHitsTheLimit() {
        String id = orders.delivered();
        orders.requests.requestCancellation(CLIENT, id, "Not what I asked for", PART);
        OrderRequest declined = orders.requests.declineRequest(FREELANCER, id, RequestKind.CANCELLATION, "It matches the brief");
        assertThat(declined.status()).isEqualTo(RequestStatus.DECLINED);
        Order still = orders.order(CLIENT, id);
        assertThat(still.stage()).isEqualTo(OrderStage.DELIVERED);
        assertThat(still.deadlines()).doesNotContainKey(DeadlineKind.CANCELLATION_ANSWER);
        assertThat(still.allowedActions()).containsExactlyInAnyOrder(OrderAction.COMPLETE, OrderAction.REQUEST_REVISION,
                OrderAction.OPEN_DISPUTE);
        assertThat(still.timeline()).last().satisfies(e ->
                assertThat(e.reason()).isEqualTo("cancellation request declined: It matches the brief"));

        assertThat(problem(() -> orders.requests.requestCancellation(CLIENT, id, "Second thoughts", null)))
                .isEqualTo(OrderProblems.REQUEST_COOLDOWN);
        // The other side never asked: it may.
        assertThat(orders.order(FREELANCER, id).allowedActions()).contains(OrderAction.REQUEST_CANCELLATION);

        orders.clock.advance(Duration.ofDays(2));
        orders.requests.requestCancellation(CLIENT, id, "Second thoughts", PART);
        orders.requests.withdrawRequest(CLIENT, id, RequestKind.CANCELLATION);
        assertThat(orders.latest(id, RequestKind.CANCELLATION).status()).isEqualTo(RequestStatus.WITHDRAWN);
        assertThat(problem(() -> orders.requests.requestCancellation(CLIENT, id, "Third time", null)))
                .isEqualTo(OrderProblems.REQUEST_LIMIT);
    }

    @Test
    void anUnansweredRequestThatTakesMoneyFromTheSilentSideExpiresWhenTheClockPassesItsAnswerWindow() {
        String id = orders.working();
        // The freelancer asks to stop and keep the whole total; the client says nothing.
        OrderRequest asked = orders.requests.requestCancellation(FREELANCER, id, "Let us stop here", new Money(0, "MAD"));
        assertThat(orders.lastPosted(id, OrderTopics.REQUEST_CHANGED).getProperty(OrderTopics.ON_SILENCE)).isEqualTo("EXPIRE");

        assertThat(orders.after(Duration.ofHours(47))).isZero();
        assertThat(orders.latest(id, RequestKind.CANCELLATION).isOpen()).isTrue();

        orders.clock.set(asked.answerBy().plusSeconds(60));
        assertThat(orders.deadlines.fireDue(100)).isEqualTo(1);
        OrderRequest expired = orders.latest(id, RequestKind.CANCELLATION);
        assertThat(expired.status()).isEqualTo(RequestStatus.EXPIRED);
        assertThat(expired.answeredBy()).isEqualTo("system");
        Order order = orders.order(CLIENT, id);
        assertThat(order.status()).isEqualTo(OrderStatus.PROCESSING);
        assertThat(order.stage()).isEqualTo(OrderStage.IN_PROGRESS);
        assertThat(order.deadlines()).containsOnlyKeys(DeadlineKind.DUE);
        assertThat(orders.lastPosted(id, OrderTopics.REQUEST_CHANGED).getProperty(OrderTopics.REQUEST_STATUS))
                .isEqualTo("EXPIRED");
        assertThat(orders.handed).isEmpty();
        // The platform cannot accept it on the client's behalf either.
        assertThat(problem(() -> orders.requests.acceptCancellation(Caller.SYSTEM, id, null)))
                .isEqualTo(OrderProblems.NO_OPEN_REQUEST);
    }

    @Test
    void anUnansweredOfferOfTheWholeTotalBackIsAcceptedBySilenceThroughItsHandler() {
        String id = orders.working();
        OrderRequest asked = orders.requests.requestCancellation(FREELANCER, id, "I cannot do it", null);
        assertThat(asked.refund()).isEqualTo(TOTAL);
        assertThat(orders.lastPosted(id, OrderTopics.REQUEST_CHANGED).getProperty(OrderTopics.ON_SILENCE)).isEqualTo("ACCEPT");
        // Not before its answer window ends, even for the platform.
        assertThat(problem(() -> orders.requests.acceptCancellation(Caller.SYSTEM, id, null)))
                .isEqualTo(OrderProblems.WINDOW_CLOSED);

        // Money moves, so the order bundle leaves it to the deployed handler; with none, it waits.
        assertThat(orders.after(Duration.ofHours(48).plusMinutes(1))).isZero();
        assertThat(orders.latest(id, RequestKind.CANCELLATION).isOpen()).isTrue();

        orders.deployCancellationHandler();
        assertThat(orders.after(Duration.ofMinutes(1))).isEqualTo(1);
        assertThat(orders.handed).singleElement().satisfies(d -> assertThat(d.kind()).isEqualTo(DeadlineKind.CANCELLATION_ANSWER));
        Order cancelled = orders.order(CLIENT, id);
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.cancellationReason()).isEqualTo(CancellationReason.MUTUAL_AGREEMENT);
        assertThat(cancelled.timeline()).last().satisfies(e ->
                assertThat(e.reason()).contains("accepted automatically: not answered in time"));
        assertThat(orders.latest(id, RequestKind.CANCELLATION).answeredBy()).isEqualTo("system");
    }

    @Test
    void anInsistentClientCannotHoldTheEscrowHostageAfterDelivery() {
        String id = orders.delivered();
        Instant autoComplete = orders.order(CLIENT, id).deadlines().get(DeadlineKind.AUTO_COMPLETE);
        orders.clock.advance(Duration.ofDays(2));
        OrderRequest asked = orders.requests.requestCancellation(CLIENT, id, "The colours are wrong", new Money(20_000, "MAD"));

        // The review window ends, but completing would release what the request is about: it waits, once.
        assertThat(orders.after(Duration.ofDays(1).plusMinutes(1))).isZero();
        Order waiting = orders.order(CLIENT, id);
        assertThat(waiting.stage()).isEqualTo(OrderStage.DELIVERED);
        assertThat(waiting.deadlines().get(DeadlineKind.AUTO_COMPLETE)).isAfter(autoComplete).isAfter(asked.answerBy());

        // Unanswered, a partial refund after delivery is no agreement: it expires and the work is paid for.
        orders.after(Duration.ofDays(1));
        assertThat(orders.latest(id, RequestKind.CANCELLATION).status()).isEqualTo(RequestStatus.EXPIRED);
        assertThat(orders.order(CLIENT, id).status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(orders.released).containsExactly(id);
        assertThat(orders.deadlines.upcoming(500)).noneMatch(d -> d.orderId().equals(id));
    }

    @Test
    void anAcceptedExtensionMovesTheDueDateADeclinedOneDoesNotAndAnOpenOneLapsesOnDelivery() {
        String id = orders.working();
        Instant due = orders.order(CLIENT, id).dueAt();
        assertThatThrownBy(() -> orders.requests.requestExtension(FREELANCER, id, 0, "x")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> orders.requests.requestExtension(FREELANCER, id, 31, "x")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> orders.requests.requestExtension(FREELANCER, id, 2, " ")).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> orders.requests.requestExtension(CLIENT, id, 2, "x")).isInstanceOf(ForbiddenException.class);

        OrderRequest asked = orders.requests.requestExtension(FREELANCER, id, 2, "The printer needs the final sizes");
        assertThat(asked.days()).isEqualTo(2);
        assertThat(orders.order(CLIENT, id).allowedActions()).containsExactlyInAnyOrder(OrderAction.REQUEST_CANCELLATION,
                OrderAction.ANSWER_EXTENSION, OrderAction.OPEN_DISPUTE);
        assertThatThrownBy(() -> orders.requests.acceptExtension(FREELANCER, id, null)).isInstanceOf(ForbiddenException.class);

        Order extended = orders.requests.acceptExtension(CLIENT, id, null);
        assertThat(extended.dueAt()).isEqualTo(due.plus(Duration.ofDays(2)));
        assertThat(extended.deadlines()).containsEntry(DeadlineKind.DUE, due.plus(Duration.ofDays(2)));
        assertThat(orders.latest(id, RequestKind.EXTENSION).status()).isEqualTo(RequestStatus.ACCEPTED);

        orders.clock.advance(Duration.ofMinutes(1)); // the latest request is the one asked last
        orders.requests.requestExtension(FREELANCER, id, 5, "More time please");
        assertThat(orders.requests.declineRequest(CLIENT, id, RequestKind.EXTENSION, "We open on Monday").status())
                .isEqualTo(RequestStatus.DECLINED);
        assertThat(orders.order(CLIENT, id).dueAt()).isEqualTo(due.plus(Duration.ofDays(2)));

        orders.clock.advance(Duration.ofMinutes(1)); // the latest request is the one asked last
        orders.requests.requestExtension(FREELANCER, id, 1, "One more day");
        orders.transitions.deliver(FREELANCER, id, "done");
        assertThat(orders.latest(id, RequestKind.EXTENSION).status()).isEqualTo(RequestStatus.LAPSED);
        assertThat(problem(() -> orders.requests.acceptExtension(CLIENT, id, null))).isEqualTo(OrderProblems.NO_OPEN_REQUEST);
    }

    @Test
    void anExtensionDuringARevisionMovesTheRevisionsDueDateNotTheFirstOne() {
        String id = orders.delivered();
        Instant firstDue = orders.order(CLIENT, id).dueAt();
        Instant revisionDue = orders.transitions.requestRevision(CLIENT, id, "Bigger prices").deadlines()
                .get(DeadlineKind.REVISION_DUE);
        orders.requests.requestExtension(FREELANCER, id, 1, "Fonts to license");
        Order extended = orders.requests.acceptExtension(CLIENT, id, "ok");
        assertThat(extended.dueAt()).isEqualTo(firstDue);
        assertThat(extended.deadlines()).containsEntry(DeadlineKind.REVISION_DUE, revisionDue.plus(Duration.ofDays(1)));
    }

    @Test
    void requestsAreForAPaidOrderAndTheirKindIsRequired() {
        String unpaid = orders.placed();
        assertThat(problem(() -> orders.requests.requestCancellation(CLIENT, unpaid, "x", null)))
                .isEqualTo(OrderProblems.WRONG_STATE);
        String id = orders.working();
        assertThatThrownBy(() -> orders.requests.requestCancellation(CLIENT, id, "x", new Money(30_000, "MAD")))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> orders.requests.requestCancellation(CLIENT, id, "x", new Money(100, "EUR")))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> orders.requests.declineRequest(FREELANCER, id, null, null))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> orders.latest(id, RequestKind.CANCELLATION)).isInstanceOfSatisfying(NotFoundException.class,
                e -> assertThat(e.getMessage()).contains("no cancellation request"));
    }
}
