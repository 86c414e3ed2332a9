package org.souk.order.api;

/** What an administrator decides of a disputed order. */
public enum DisputeDecision {
    /** The work is accepted: the order completes and the freelancer earns it. */
    COMPLETE,
    /** The order is cancelled with the refund decided, from nothing to the whole total. */
    CANCEL,
    /** The work goes on, to a new due date. */
    CONTINUE
}
