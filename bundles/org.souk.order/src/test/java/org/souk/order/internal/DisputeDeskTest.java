package org.souk.order.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.souk.order.internal.OrdersOnDerby.ADMIN;
import static org.souk.order.internal.OrdersOnDerby.CLIENT;
import static org.souk.order.internal.OrdersOnDerby.FREELANCER;
import static org.souk.order.internal.OrdersOnDerby.STRANGER;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.souk.common.api.ConflictException;
import org.souk.common.api.FieldError;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.Money;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.ValidationException;
import org.souk.order.api.CancellationReason;
import org.souk.order.api.DeadlineKind;
import org.souk.order.api.Dispute;
import org.souk.order.api.DisputeDecision;
import org.souk.order.api.DisputeStatus;
import org.souk.order.api.Order;
import org.souk.order.api.OrderAction;
import org.souk.order.api.OrderProblems;
import org.souk.order.api.OrderStage;
import org.souk.order.api.OrderStatus;
import org.souk.order.api.OrderTopics;
import org.souk.order.api.RequestKind;
import org.souk.order.api.RequestStatus;

/** Disputes, on Derby: opening one stops the order, and only an administrator's decision (or the client's yes) ends it. */
class DisputeDeskTest {

    private static final Money PART = new Money(20_000, "MAD");

    private final OrdersOnDerby orders = new OrdersOnDerby();

    @AfterEach
    void close() {
        orders.close();
    }

    @Test
    void aDisputeStopsTheTimersAndRequestsUntilAnAdministratorDecidesToCancel() {
        String id = orders.delivered();
        orders.requests.requestCancellation(FREELANCER, id, "Let us part", new Money(5_000, "MAD"));
        assertThatThrownBy(() -> orders.disputes.open(STRANGER, id, "x", null)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> orders.disputes.open(CLIENT, id, "x", new Money(90_000, "MAD")))
                .isInstanceOf(ValidationException.class);

        Dispute opened = orders.disputes.open(CLIENT, id, "The menu is missing the desserts", PART);
        assertThat(opened.status()).isEqualTo(DisputeStatus.OPEN);
        assertThat(opened.proposedRefund()).isEqualTo(PART);
        assertThat(orders.latest(id, RequestKind.CANCELLATION).status()).isEqualTo(RequestStatus.LAPSED);
        Order disputed = orders.order(CLIENT, id);
        assertThat(disputed.deadlines()).isEmpty();
        assertThat(disputed.allowedActions()).containsExactly(OrderAction.COMPLETE);
        assertThat(orders.order(FREELANCER, id).allowedActions()).isEmpty();
        assertThat(catchThrowableOfType(() -> orders.disputes.open(FREELANCER, id, "me too", null), ConflictException.class)
                .problemType()).isEqualTo(OrderProblems.DISPUTED);
        assertThat(catchThrowableOfType(() -> orders.requests.requestCancellation(FREELANCER, id, "x", null),
                ConflictException.class).problemType()).isEqualTo(OrderProblems.DISPUTED);
        assertThat(orders.disputes.latestOfOrder(FREELANCER, id).id()).isEqualTo(opened.id());
        assertThat(orders.disputes.openDisputes(ADMIN, 10)).extracting(Dispute::id).containsExactly(opened.id());
        assertThatThrownBy(() -> orders.disputes.openDisputes(CLIENT, 10)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> orders.disputes.get(STRANGER, opened.id())).isInstanceOf(NotFoundException.class);

        // Nothing falls due meanwhile, however long the administrator takes.
        assertThat(orders.after(Duration.ofDays(10))).isZero();
        assertThat(orders.order(CLIENT, id).stage()).isEqualTo(OrderStage.DELIVERED);

        assertThatThrownBy(() -> orders.disputes.resolve(CLIENT, opened.id(), DisputeDecision.CANCEL, PART, null, "x"))
                .isInstanceOf(ForbiddenException.class);
        assertThat(catchThrowableOfType(() -> orders.disputes.resolve(ADMIN, opened.id(), DisputeDecision.CANCEL, null,
                null, " "), ValidationException.class).errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("note", "refund");
        assertThat(catchThrowableOfType(() -> orders.disputes.resolve(ADMIN, opened.id(), DisputeDecision.CONTINUE, null,
                null, "x"), ValidationException.class).errors()).extracting(FieldError::field).containsExactly("dueAt");
        assertThatThrownBy(() -> orders.disputes.resolve(ADMIN, opened.id(), DisputeDecision.CANCEL,
                new Money(30_000, "MAD"), null, "x")).isInstanceOf(ValidationException.class);

        Dispute decided = orders.disputes.resolve(ADMIN, opened.id(), DisputeDecision.CANCEL, new Money(10_000, "MAD"),
                null, "Desserts were not in the brief, the layout was");
        assertThat(decided.status()).isEqualTo(DisputeStatus.RESOLVED);
        assertThat(decided.decidedBy()).isEqualTo(ADMIN.userId());
        assertThat(decided.refund()).isEqualTo(new Money(10_000, "MAD"));
        Order cancelled = orders.order(CLIENT, id);
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.cancellationReason()).isEqualTo(CancellationReason.DISPUTE_DECISION);
        assertThat(cancelled.timeline()).last().satisfies(e -> assertThat(e.reason())
                .isEqualTo("dispute decided: cancelled, refund 100.00 MAD: Desserts were not in the brief, the layout was"));
        assertThat(catchThrowableOfType(() -> orders.disputes.resolve(ADMIN, opened.id(), DisputeDecision.COMPLETE, null,
                null, "again"), ConflictException.class).problemType()).isEqualTo(OrderProblems.DISPUTE_CLOSED);
        assertThat(orders.disputes.openDisputes(ADMIN, 10)).isEmpty();
        assertThat(orders.topicsOf(id).stream().filter(OrderTopics.DISPUTE_CHANGED::equals)).hasSize(2);
        assertThat(orders.lastPosted(id, OrderTopics.DISPUTE_CHANGED).getProperty(OrderTopics.REFUND)).isEqualTo("100.00 MAD");
        assertThat(orders.released).isEmpty();
    }

    @Test
    void workMayContinueToANewDueDateAndThenBeCompletedByADecision() {
        String id = orders.working();
        Dispute first = orders.disputes.open(FREELANCER, id, "The client sends no content", null);
        Instant newDue = orders.clock.instant().plus(Duration.ofDays(7));
        assertThatThrownBy(() -> orders.disputes.resolve(ADMIN, first.id(), DisputeDecision.CONTINUE, null,
                orders.clock.instant().minusSeconds(1), "Content by Friday")).isInstanceOf(ValidationException.class);
        orders.disputes.resolve(ADMIN, first.id(), DisputeDecision.CONTINUE, null, newDue, "Content by Friday");
        Order working = orders.order(CLIENT, id);
        assertThat(working.stage()).isEqualTo(OrderStage.IN_PROGRESS);
        assertThat(working.dueAt()).isEqualTo(newDue);
        assertThat(working.deadlines()).containsEntry(DeadlineKind.DUE, newDue);

        orders.transitions.deliver(FREELANCER, id, "done");
        Dispute second = orders.disputes.open(FREELANCER, id, "Delivered as agreed", null);
        orders.disputes.resolve(ADMIN, second.id(), DisputeDecision.COMPLETE, null, null, "Delivered as agreed");
        assertThat(orders.order(CLIENT, id).status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(orders.released).containsExactly(id);
    }

    @Test
    void theClientAcceptingTheDeliveryEndsTheDisputeAndSaysSo() {
        String id = orders.delivered();
        Dispute opened = orders.disputes.open(FREELANCER, id, "The client does not answer", null);
        assertThatThrownBy(() -> orders.transitions.requestRevision(CLIENT, id, "More"))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.problemType()).isEqualTo(OrderProblems.DISPUTED));

        orders.transitions.complete(CLIENT, id);
        Dispute ended = orders.disputes.get(ADMIN, opened.id());
        assertThat(ended.status()).isEqualTo(DisputeStatus.RESOLVED);
        assertThat(ended.decision()).isEqualTo(DisputeDecision.COMPLETE);
        assertThat(ended.decidedBy()).isEqualTo(CLIENT.userId());
        assertThat(orders.order(CLIENT, id).status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(orders.released).containsExactly(id);
    }

    @Test
    void anOrderNotYetAcceptedIsNotDisputed() {
        String id = orders.paid();
        assertThat(catchThrowableOfType(() -> orders.disputes.open(CLIENT, id, "Too slow to accept", null),
                ConflictException.class).problemType()).isEqualTo(OrderProblems.WRONG_STATE);
    }
}
