package org.souk.payment.api;

/** Where a refund stands. */
public enum RefundStatus {
    /** Recorded with the order's cancellation; the gateway has not answered yet. */
    REQUESTED,
    /**
     * The gateway accepted it and is processing it, or did not answer (a timeout, a 5xx): asked again with
     * the same idempotency key, with backoff, until it says more.
     */
    PENDING,
    /** The money went back to the client. */
    SUCCEEDED,
    /** The gateway refused it; an administrator must look at it, and may refund by hand. */
    FAILED,
    /** The gateway offers no refund API: an administrator must refund outside Souk, then mark it done. */
    MANUAL
}
