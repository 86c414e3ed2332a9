package org.souk.order.api;

/** Where a request between the two sides of an order stands. Only OPEN is not final. */
public enum RequestStatus {
    /** Waiting for the other side's answer. */
    OPEN,
    /** The other side agreed (or, for a cancellation, did not answer in time). */
    ACCEPTED,
    /** The other side said no. */
    DECLINED,
    /** The side that asked took it back. */
    WITHDRAWN,
    /** The order moved on before an answer (delivered, completed or cancelled otherwise). */
    LAPSED
}
