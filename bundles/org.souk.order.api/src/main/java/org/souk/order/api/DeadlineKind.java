package org.souk.order.api;

/** The deadlines that move an order by themselves. */
public enum DeadlineKind {
    /** An order not paid by then is cancelled (PAYMENT_EXPIRED); a payment still pending is looked up first. */
    PAYMENT_EXPIRY,
    /** A paid order the freelancer has not accepted by then is declined, with a full refund. */
    ACCEPTANCE,
    /**
     * The due date (acceptance + the package's delivery days): an order not delivered by then is late and
     * both sides are told, once. From the due date plus the late grace the client may cancel it alone, as long
     * as nothing was ever delivered. Ended by the first delivery.
     */
    DUE,
    /** A delivery the client neither accepts nor sends back for revision by then completes the order. */
    AUTO_COMPLETE,
    /**
     * A cancellation request the other side has not answered by then is accepted with the refund it proposed
     * when that gives the silent side at least its default outcome, and expires otherwise.
     */
    CANCELLATION_ANSWER,
    /**
     * A revision's own due date (the request + the revision window): missed, both sides are told once. It
     * gives no right to cancel alone; late revisions are settled by a dispute.
     */
    REVISION_DUE
}
