package org.souk.order.api;

/** Where a PROCESSING order stands. */
public enum OrderStage {
    /** Paid; the freelancer has not accepted yet. */
    AWAITING_ACCEPTANCE,
    /** Accepted (or a revision was requested); the freelancer is working. */
    IN_PROGRESS,
    /** A delivery was submitted; the client accepts it or asks for a revision. */
    DELIVERED
}
