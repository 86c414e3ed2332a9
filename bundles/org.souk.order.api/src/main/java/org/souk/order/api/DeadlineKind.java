package org.souk.order.api;

/** The deadlines that move an order by themselves. */
public enum DeadlineKind {
    /** A delivery the client neither accepts nor sends back for revision by then completes the order. */
    AUTO_COMPLETE
}
