package org.souk.payment.internal;

import java.time.Clock;
import java.util.List;
import java.util.function.Function;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.souk.common.api.Caller;
import org.souk.common.api.Money;
import org.souk.gateway.api.PaymentGateway;
import org.souk.ledger.api.LedgerService;
import org.souk.notification.api.NotificationOutbox;
import org.souk.payment.api.Refund;
import org.souk.payment.api.RefundStatus;

/**
 * Refunds: recorded in the transaction of the state change that causes them ({@link RefundRecorder}), then
 * asked of the gateway outside it with backoff ({@link RefundAsker}, which asks what {@link RefundAsk}
 * decides), the outcome recorded with its ledger posting and the client's notification
 * ({@link RefundOutcomes}), and read by {@link RefundQueries}. The payment service's one door to them.
 */
final class RefundDesk {

    private final RefundRecorder recorder;
    private final RefundAsker asker;
    private final RefundOutcomes outcomes;
    private final RefundQueries queries;

    /**
     * @param gigTitles the title of an order's gig, for the client's notification (null if unknown)
     */
    RefundDesk(JpaTemplate jpa, PaymentGateway gateway, Clock clock, RefundRetryPolicy policy, LedgerService ledger,
            NotificationOutbox outbox, Function<String, String> gigTitles) {
        this.queries = new RefundQueries(jpa);
        this.recorder = new RefundRecorder(clock, ledger);
        this.outcomes = new RefundOutcomes(jpa, clock, ledger, outbox, gigTitles, queries);
        this.asker = new RefundAsker(jpa, gateway, clock, policy, outcomes, queries);
    }

    void retryWith(RefundRetryPolicy newPolicy) {
        asker.retryWith(newPolicy);
    }

    /** Records a full refund of the payment in the caller's transaction; ask the gateway after it commits. */
    String record(EntityManager em, PaymentEntity payment, String reason, String requestedBy) {
        return recorder.record(em, payment, payment.amount(), reason, requestedBy);
    }

    /** Records a refund of part (or all) of the payment in the caller's transaction; ask the gateway after it commits. */
    String record(EntityManager em, PaymentEntity payment, Money amount, String reason, String requestedBy) {
        return recorder.record(em, payment, amount, reason, requestedBy);
    }

    /** Records the refund of a charge that pays for nothing, once per charge; see {@link RefundRecorder}. */
    void recordChargeRefund(EntityManager em, PaymentEntity payment, PaymentAttemptEntity attempt, String chargeReference,
            String reason) {
        recorder.recordChargeRefund(em, payment, attempt, chargeReference, reason);
    }

    /** Asks the gateway about each refund of this payment that is due now. */
    void askDue(String paymentId) {
        asker.askDue(paymentId);
    }

    /** Asks the gateway about the refunds due now, soonest first; returns how many were asked. */
    int retryDue(int limit) {
        return asker.retryDue(limit);
    }

    /** Claims the refund's next ask and asks the gateway; returns the refund as it stands after. */
    Refund ask(String refundId, boolean now) {
        return asker.ask(refundId, now);
    }

    /** An administrator asks the gateway about a refund now, whatever the backoff says. */
    Refund askNow(Caller caller, String refundId) {
        return asker.askNow(caller, refundId);
    }

    /** An administrator refunded outside Souk (only a MANUAL or FAILED refund). */
    Refund completeByHand(Caller caller, String refundId, String note) {
        return outcomes.completeByHand(caller, refundId, note);
    }

    /** What was given back, or is being given back, of the order's payment itself (stray charges aside). */
    long refundedOfPayment(String orderId) {
        return queries.refundedOfPayment(orderId);
    }

    List<Refund> ofOrder(String orderId) {
        return queries.ofOrder(orderId);
    }

    List<Refund> in(RefundStatus status, int limit) {
        return queries.in(status, limit);
    }

    List<Refund> needingAttention(int limit) {
        return queries.needingAttention(limit);
    }
}
