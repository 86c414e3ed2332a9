package org.souk.order.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.souk.order.api.DeadlineKind;
import org.souk.order.api.OrderStage;
import org.souk.order.api.OrderStatus;
import org.souk.order.internal.OrderStateMachine.Action;
import org.souk.order.internal.OrderStateMachine.State;

/**
 * Which deadlines a transition starts and which it ends: pure rules, unit-tested like the state machine.
 * A deadline lives only while the order is in the state it watches; any move out of that state ends it.
 */
final class Deadlines {

    private Deadlines() {
    }

    /** Whether a deadline of this kind still means something for an order in this state. */
    static boolean watches(DeadlineKind kind, State state) {
        return switch (kind) {
            case PAYMENT_EXPIRY -> state.status() == OrderStatus.PENDING;
            case ACCEPTANCE -> state.stage() == OrderStage.AWAITING_ACCEPTANCE;
            // The first delivery ends the due date for good; a revision has a due date of its own.
            case DUE, REVISION_DUE -> state.stage() == OrderStage.IN_PROGRESS;
            case AUTO_COMPLETE -> state.stage() == OrderStage.DELIVERED;
            // Ended with its request too; see the service.
            case CANCELLATION_ANSWER -> state.status() == OrderStatus.PROCESSING;
        };
    }

    /** The deadlines placing an order starts. */
    static Set<DeadlineKind> startedByPlacing() {
        return EnumSet.of(DeadlineKind.PAYMENT_EXPIRY);
    }

    /** The deadlines a transition starts. */
    static Set<DeadlineKind> startedBy(Action action) {
        return switch (action) {
            case CONFIRM_PAYMENT -> EnumSet.of(DeadlineKind.ACCEPTANCE);
            case ACCEPT -> EnumSet.of(DeadlineKind.DUE);
            case DELIVER -> EnumSet.of(DeadlineKind.AUTO_COMPLETE);
            case REQUEST_REVISION -> EnumSet.of(DeadlineKind.REVISION_DUE);
            default -> EnumSet.noneOf(DeadlineKind.class);
        };
    }

    /** Deadlines the order bundle moves alone; the others go to a {@code DeadlineHandler}. */
    static boolean firedHere(DeadlineKind kind) {
        return kind == DeadlineKind.AUTO_COMPLETE || kind == DeadlineKind.DUE || kind == DeadlineKind.REVISION_DUE;
    }

    /** When a deadline started now falls due; the due date is the order's own (acceptance + delivery days). */
    static Instant dueAt(DeadlineKind kind, Instant now, Windows windows, Instant orderDueAt) {
        return switch (kind) {
            case PAYMENT_EXPIRY -> now.plus(windows.payment());
            case ACCEPTANCE -> now.plus(windows.acceptance());
            case DUE -> orderDueAt;
            case AUTO_COMPLETE -> now.plus(windows.review());
            case CANCELLATION_ANSWER -> now.plus(windows.cancellationAnswer());
            case REVISION_DUE -> now.plus(windows.revision());
        };
    }

    /**
     * Whether the client may cancel alone: the work was never delivered and its first due date passed by the
     * grace. Work delivered by then is never late, whatever a revision asks after; a late revision is a
     * matter for a dispute.
     */
    static boolean lateCancellable(State state, Instant orderDueAt, Instant deliveredAt, Instant now, Windows windows) {
        return state.stage() == OrderStage.IN_PROGRESS && orderDueAt != null && deliveredAt == null
                && !now.isBefore(orderDueAt.plus(windows.lateGrace()));
    }

    /** The configured windows. */
    record Windows(Duration payment, Duration acceptance, Duration review, Duration lateGrace,
            Duration cancellationAnswer, Duration revision, Duration disputeAttention) {
        static final Windows DEFAULT = new Windows(Duration.ofHours(24), Duration.ofHours(48), Duration.ofDays(3),
                Duration.ofHours(24), Duration.ofHours(48), Duration.ofDays(3), Duration.ofDays(3));

        static Windows of(LifecycleConfig config) {
            return new Windows(positive(config.payment_window(), DEFAULT.payment()),
                    positive(config.acceptance_window(), DEFAULT.acceptance()),
                    positive(config.review_window(), DEFAULT.review()),
                    positive(config.late_grace(), DEFAULT.lateGrace()),
                    positive(config.cancellation_answer_window(), DEFAULT.cancellationAnswer()),
                    positive(config.revision_window(), DEFAULT.revision()),
                    positive(config.dispute_attention_after(), DEFAULT.disputeAttention()));
        }

        /** How often a side may ask to cancel: the cooldown after a refusal, and how many requests in all. */
        static CancellationRules.Limits limits(LifecycleConfig config) {
            return new CancellationRules.Limits(
                    positive(config.cancellation_cooldown(), CancellationRules.Limits.DEFAULT.cooldown()),
                    config.cancellation_max_requests() < 1 ? CancellationRules.Limits.DEFAULT.maxRequests()
                            : config.cancellation_max_requests());
        }

        static Duration positive(String iso, Duration fallback) {
            try {
                Duration d = Duration.parse(iso.trim());
                return d.isNegative() || d.isZero() ? fallback : d;
            } catch (RuntimeException e) {
                return fallback;
            }
        }
    }
}
