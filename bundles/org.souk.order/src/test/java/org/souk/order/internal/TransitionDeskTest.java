package org.souk.order.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.souk.order.internal.OrdersOnDerby.ADMIN;
import static org.souk.order.internal.OrdersOnDerby.CLIENT;
import static org.souk.order.internal.OrdersOnDerby.FREELANCER;
import static org.souk.order.internal.OrdersOnDerby.T0;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.ValidationException;
import org.souk.order.api.CancellationReason;
import org.souk.order.api.DeadlineKind;
import org.souk.order.api.Order;
import org.souk.order.api.OrderAction;
import org.souk.order.api.OrderProblems;
import org.souk.order.api.OrderStage;
import org.souk.order.api.OrderStatus;
import org.souk.order.api.OrderTopics;

/** An order's stages, on Derby: each move with its timeline row, its deadlines and, on completion, the escrow. */
class TransitionDeskTest {

    private final OrdersOnDerby orders = new OrdersOnDerby();

    @AfterEach
    void close() {
        orders.close();
    }

    @Test
    void paidAcceptedDeliveredRevisedAndCompleted() {
        String id = orders.placed();

        Order paid = orders.transitions.confirmPayment(id, "pay-1");
        assertThat(paid.stage()).isEqualTo(OrderStage.AWAITING_ACCEPTANCE);
        assertThat(paid.deadlines()).containsOnlyKeys(DeadlineKind.ACCEPTANCE)
                .containsEntry(DeadlineKind.ACCEPTANCE, T0.plus(Duration.ofHours(48)));
        assertThat(paid.timeline()).last().satisfies(e -> assertThat(e.reason()).isEqualTo("payment pay-1 succeeded"));

        orders.clock.advance(Duration.ofHours(1));
        Instant acceptedAt = orders.clock.instant();
        Order accepted = orders.transitions.accept(FREELANCER, id);
        assertThat(accepted.stage()).isEqualTo(OrderStage.IN_PROGRESS);
        assertThat(accepted.dueAt()).isEqualTo(acceptedAt.plus(Duration.ofDays(3)));
        assertThat(accepted.deadlines()).containsOnlyKeys(DeadlineKind.DUE).containsEntry(DeadlineKind.DUE, accepted.dueAt());

        Order delivered = orders.transitions.deliver(FREELANCER, id, "v1 attached");
        assertThat(delivered.stage()).isEqualTo(OrderStage.DELIVERED);
        assertThat(delivered.deadlines()).containsOnlyKeys(DeadlineKind.AUTO_COMPLETE)
                .containsEntry(DeadlineKind.AUTO_COMPLETE, acceptedAt.plus(Duration.ofDays(3)));
        assertThat(orders.order(CLIENT, id).allowedActions()).contains(OrderAction.COMPLETE, OrderAction.REQUEST_REVISION);

        Order revising = orders.transitions.requestRevision(CLIENT, id, "Bigger prices");
        assertThat(revising.stage()).isEqualTo(OrderStage.IN_PROGRESS);
        assertThat(revising.revisionsUsed()).isEqualTo(1);
        assertThat(revising.deadlines()).containsOnlyKeys(DeadlineKind.REVISION_DUE);
        assertThat(revising.timeline()).last().satisfies(e -> assertThat(e.reason()).isEqualTo("Bigger prices"));

        orders.transitions.deliver(FREELANCER, id, null);
        // The package's one revision is used: the refusal says why, and nothing moves.
        ConflictException exhausted = catchThrowableOfType(() -> orders.transitions.requestRevision(CLIENT, id, "Again"),
                ConflictException.class);
        assertThat(exhausted.problemType()).isEqualTo(OrderProblems.REVISIONS_EXHAUSTED);
        assertThat(orders.order(CLIENT, id).allowedActions()).doesNotContain(OrderAction.REQUEST_REVISION);

        Order completed = orders.transitions.complete(CLIENT, id);
        assertThat(completed.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(completed.deadlines()).isEmpty();
        assertThat(completed.allowedActions()).isEmpty();
        assertThat(completed.timeline()).extracting(e -> e.toStage() == null ? e.toStatus().name() : e.toStage().name())
                .containsExactly("PENDING", "AWAITING_ACCEPTANCE", "IN_PROGRESS", "DELIVERED", "IN_PROGRESS", "DELIVERED",
                        "COMPLETED");
        assertThat(orders.released).containsExactly(id);
        assertThat(orders.topicsOf(id)).hasSize(7).containsOnly(OrderTopics.STATUS_CHANGED);
    }

    @Test
    void eachMoveBelongsToOneSideAndAWrongMoveChangesNothing() {
        String id = orders.paid();
        assertThatThrownBy(() -> orders.transitions.accept(CLIENT, id)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> orders.transitions.confirmPayment(id, "again"))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.problemType()).isEqualTo(OrderProblems.WRONG_STATE));
        orders.transitions.accept(FREELANCER, id);
        assertThatThrownBy(() -> orders.transitions.complete(CLIENT, id))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.problemType()).isEqualTo(OrderProblems.WRONG_STATE));
        orders.transitions.deliver(FREELANCER, id, "done");
        assertThatThrownBy(() -> orders.transitions.complete(FREELANCER, id)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> orders.transitions.requestRevision(CLIENT, id, " "))
                .isInstanceOf(ValidationException.class);
        assertThat(orders.order(ADMIN, id).stage()).isEqualTo(OrderStage.DELIVERED);
        assertThat(orders.order(ADMIN, id).timeline()).hasSize(4);
        assertThat(orders.released).isEmpty();
    }

    @Test
    void theClientWithdrawsAnUnpaidOrderAndTheFreelancerDeclinesAPaidOne() {
        String unpaid = orders.placed();
        assertThatThrownBy(() -> orders.transitions.cancel(FREELANCER, unpaid, CancellationReason.CLIENT_WITHDREW, null))
                .isInstanceOf(ForbiddenException.class);
        Order withdrawn = orders.transitions.cancel(CLIENT, unpaid, CancellationReason.CLIENT_WITHDREW, "changed my mind");
        assertThat(withdrawn.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(withdrawn.cancellationReason()).isEqualTo(CancellationReason.CLIENT_WITHDREW);
        assertThat(withdrawn.timeline()).last().satisfies(e -> assertThat(e.reason()).isEqualTo("client withdrew: changed my mind"));
        assertThat(withdrawn.deadlines()).isEmpty();

        String paid = orders.paid();
        Order declined = orders.transitions.cancel(FREELANCER, paid, CancellationReason.FREELANCER_DECLINED, null);
        assertThat(declined.cancellationReason()).isEqualTo(CancellationReason.FREELANCER_DECLINED);
        assertThat(declined.deadlines()).isEmpty();
        assertThatThrownBy(() -> orders.transitions.cancel(CLIENT, orders.paid(), null, null))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void theClientCancelsUndeliveredWorkAloneOnlyOnceItIsLatePastTheGrace() {
        String id = orders.working();
        Instant due = orders.order(CLIENT, id).dueAt();

        // Not yet late: refused with the date from which it may be.
        orders.clock.set(due.plus(Duration.ofHours(23)));
        ConflictException early = catchThrowableOfType(
                () -> orders.transitions.cancel(CLIENT, id, CancellationReason.LATE_DELIVERY, null), ConflictException.class);
        assertThat(early.problemType()).isEqualTo(OrderProblems.WINDOW_CLOSED);
        assertThat(early.getMessage()).contains(due.plus(Duration.ofHours(24)).toString());
        assertThat(orders.order(CLIENT, id).allowedActions()).doesNotContain(OrderAction.CANCEL_LATE);

        // Due date plus the grace: the client may, the freelancer never does.
        orders.clock.set(due.plus(Duration.ofHours(24)));
        assertThat(orders.order(CLIENT, id).allowedActions()).contains(OrderAction.CANCEL_LATE);
        assertThatThrownBy(() -> orders.transitions.cancel(FREELANCER, id, CancellationReason.LATE_DELIVERY, null))
                .isInstanceOf(ForbiddenException.class);
        Order cancelled = orders.transitions.cancel(CLIENT, id, CancellationReason.LATE_DELIVERY, "no news for days");
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.cancellationReason()).isEqualTo(CancellationReason.LATE_DELIVERY);
    }

    @Test
    void workDeliveredOnTimeIsNeverLateWhateverARevisionAsks() {
        String id = orders.delivered();
        Instant due = orders.order(CLIENT, id).dueAt();
        orders.clock.set(due.minus(Duration.ofHours(1)));
        orders.transitions.requestRevision(CLIENT, id, "Bigger prices");

        // Far past the first due date and its grace, and past the revision's own due date: a warning, no late right.
        assertThat(orders.after(Duration.ofDays(5))).isEqualTo(1);
        assertThat(orders.topicsOf(id)).contains(OrderTopics.LATE);
        assertThat(orders.lastPosted(id, OrderTopics.LATE).getProperty(OrderTopics.DEADLINE))
                .isEqualTo(DeadlineKind.REVISION_DUE.name());
        assertThat(orders.order(CLIENT, id).allowedActions()).doesNotContain(OrderAction.CANCEL_LATE);
        ConflictException refused = catchThrowableOfType(
                () -> orders.transitions.cancel(CLIENT, id, CancellationReason.LATE_DELIVERY, null), ConflictException.class);
        assertThat(refused.problemType()).isEqualTo(OrderProblems.WINDOW_CLOSED);
        assertThat(refused.getMessage()).contains("delivered on");
        assertThat(orders.order(CLIENT, id).status()).isEqualTo(OrderStatus.PROCESSING);
    }

    @Test
    void aDeliveryTheClientLeavesUnansweredCompletesWhenTheReviewWindowEnds() {
        String id = orders.delivered();
        assertThat(orders.after(Duration.ofDays(3).minusMinutes(1))).isZero();
        assertThat(orders.order(CLIENT, id).stage()).isEqualTo(OrderStage.DELIVERED);

        assertThat(orders.after(Duration.ofMinutes(2))).isEqualTo(1);
        Order completed = orders.order(CLIENT, id);
        assertThat(completed.status()).isEqualTo(OrderStatus.COMPLETED);
        assertThat(completed.timeline()).last().satisfies(e -> assertThat(e.actor()).isEqualTo("system"));
        assertThat(orders.released).containsExactly(id);
        // Fired once: a second poll finds nothing.
        assertThat(orders.after(Duration.ofDays(1))).isZero();
    }

    @Test
    void undeliveredWorkPastItsDueDateIsAnnouncedLateOnce() {
        String id = orders.working();
        assertThat(orders.after(Duration.ofDays(3).plusMinutes(1))).isEqualTo(1);
        assertThat(orders.after(Duration.ofDays(1))).isZero();
        assertThat(orders.topicsOf(id).stream().filter(OrderTopics.LATE::equals)).hasSize(1);
        assertThat(orders.order(CLIENT, id).stage()).isEqualTo(OrderStage.IN_PROGRESS);
    }
}
