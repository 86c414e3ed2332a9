package org.souk.order.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.souk.common.api.Caller;
import org.souk.common.api.ConflictException;
import org.souk.common.api.ForbiddenException;
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

    /** The order without its timeline: what a caller needs to act on it, for one query less. */
    OrderSummary summary(Caller caller, String orderId);

    /** The caller's orders as client or freelancer (all of them for an admin), newest first. */
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
