package org.souk.payment.api;

/** Where a refund stands. */
public enum RefundStatus {
    /** Recorded with the order's cancellation; the gateway has not answered yet. */
    REQUESTED,
    /** The gateway accepted it and is processing it. */
    PENDING,
    /** The money went back to the client. */
    SUCCEEDED,
    /** The gateway refused it; an administrator must look at it. */
    FAILED,
    /** The gateway offers no refund API: an administrator must refund outside Souk, then mark it done. */
    MANUAL
}
