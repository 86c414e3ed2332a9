package org.souk.order.api;

/** Where a dispute stands. */
public enum DisputeStatus {
    /** Waiting for an administrator; the order's timers are stopped. */
    OPEN,
    /** An administrator decided it. */
    RESOLVED
}
