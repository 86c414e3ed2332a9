package org.souk.order.api;

import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
import org.souk.common.api.Money;
import org.souk.common.api.NotFoundException;
import org.souk.common.api.Page;
import org.souk.common.api.ValidationException;

/**
 * Places orders and moves them through their lifecycle. Every transition is atomic, checked against the
 * current state (an illegal one is a {@link ConflictException} and changes nothing), recorded in the
 * timeline and announced on {@link OrderTopics#STATUS_CHANGED} once committed. Of two concurrent
 * transitions of one order exactly one wins. A caller sees only orders it is party to; any other order is
 * a {@link NotFoundException}.
 */
@ProviderType
public interface OrderService {

    /**
     * Places an order for one package of a gig, snapshotting the package; status PENDING.
     *
     * @throws ValidationException for a missing or unknown gig or package, or missing requirements
     * @throws ForbiddenException if the caller is not a client, or orders its own gig
     */
    Order place(Caller caller, PlaceOrder order);

    Order get(Caller caller, String orderId);

    /**
     * The transitions of the caller's orders (as client or as freelancer) that happened after the given time,
     * oldest first, at most {@code limit} (up to {@link Page#MAX_LIMIT}). For catching up
     * on what a live view missed; an administrator gets the transitions of the orders they take part in.
     */
    List<OrderChange> changesSince(Caller caller, Instant after, int limit);

    /** The order without its timeline: what a caller needs to act on it, for one query less. */
    OrderSummary summary(Caller caller, String orderId);

    /**
     * The caller's orders as client or freelancer (all of them for an admin), newest first (by time placed,
     * then id). Every page but the last carries a {@link Page#next() next} cursor; a query with that cursor
     * as {@link OrderQuery#after() after} continues there and is not counted ({@link Page#UNCOUNTED}).
     *
     * @throws ValidationException ({@code after}) for a cursor this service did not give out
     */
    Page<OrderSummary> list(Caller caller, OrderQuery query);

    /** Payment succeeded: PENDING → PROCESSING, awaiting the freelancer's acceptance. */
    Order confirmPayment(String orderId, String paymentReference);

    /**
     * Cancels an order: an administrator for any reason, the client to withdraw before paying, the
     * freelancer to decline before accepting. This moves the order only: refunding a paid order is the
     * payment service's part, which calls this in the same transaction.
     */
    Order cancel(Caller caller, String orderId, CancellationReason reason, String note);

    /** The freelancer accepts a paid order; the due date starts counting. */
    Order accept(Caller caller, String orderId);

    /** The freelancer submits a delivery. */
    Order deliver(Caller caller, String orderId, String note);

    /** The client asks for a revision of a delivery, while the package has revisions left. */
    Order requestRevision(Caller caller, String orderId, String note);

    /** The client accepts a delivery: the order is completed. */
    Order complete(Caller caller, String orderId);

    /**
     * Either side of a paid order asks the other to cancel it, with a reason and the refund it proposes
     * (null: the whole total; zero: nothing back). Nothing moves until the other side accepts; unanswered,
     * the request is accepted automatically at its {@code answerBy}. One open cancellation request at a time.
     *
     * @throws ValidationException for a missing reason, or a refund above the total or in another currency
     * @throws ConflictException ({@link OrderProblems#REQUEST_ALREADY_OPEN}, {@link OrderProblems#WRONG_STATE})
     */
    OrderRequest requestCancellation(Caller caller, String orderId, String reason, Money refund);

    /**
     * The other side accepts the open cancellation request, or {@code system} once its answer window has
     * passed: the order is cancelled (MUTUAL_AGREEMENT) in the caller's transaction. Refunding the agreed
     * amount is the payment service's part, which calls this in the same transaction.
     *
     * @throws ForbiddenException ({@link OrderProblems#NOT_YOUR_TURN}) for the side that asked
     * @throws ConflictException ({@link OrderProblems#NO_OPEN_REQUEST}) if no request is open, or it was answered meanwhile
     */
    AgreedCancellation acceptCancellation(Caller caller, String orderId, String note);

    /**
     * The freelancer asks for {@code days} more to deliver (1 to {@link OrderLimits#MAX_EXTENSION_DAYS}), with a
     * reason, while the work is in progress. One open extension request at a time.
     */
    OrderRequest requestExtension(Caller caller, String orderId, int days, String reason);

    /** The client accepts the open extension request: the due date moves by its days. */
    Order acceptExtension(Caller caller, String orderId, String note);

    /** The other side declines the open request of this kind; nothing else changes. */
    OrderRequest declineRequest(Caller caller, String orderId, RequestKind kind, String note);

    /** The side that made the open request of this kind takes it back. */
    OrderRequest withdrawRequest(Caller caller, String orderId, RequestKind kind);

    /**
     * The order's latest request of this kind, open or answered.
     *
     * @throws NotFoundException ({@link OrderProblems#NO_REQUEST}) if it never had one
     */
    OrderRequest latestRequest(Caller caller, String orderId, RequestKind kind);

    /** Deadlines still to come, soonest first (administrators). */
    List<Deadline> upcomingDeadlines(int limit);

    /**
     * Fires the deadlines that are due, oldest first: each fires exactly once, whichever node claims it
     * first, in the transaction of the move it causes, and is recorded in the order's timeline as done by
     * {@code system}. A deadline whose order moved on meanwhile is dropped.
     *
     * @return how many fired
     */
    int fireDueDeadlines(int limit);
}
