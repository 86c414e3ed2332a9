package org.souk.order.api;

/** Where a request between the two sides of an order stands. Only OPEN is not final. */
public enum RequestStatus {
    /** Waiting for the other side's answer. */
    OPEN,
    /** The other side agreed (or, for a cancellation that gives the silent side its default outcome, did not answer in time). */
    ACCEPTED,
    /** The other side said no. */
    DECLINED,
    /** The side that asked took it back. */
    WITHDRAWN,
    /** The order moved on before an answer (delivered, completed, disputed or cancelled otherwise). */
    LAPSED,
    /**
     * Not answered in time, and silence does not accept it (it would give the silent side less than it gets
     * anyway): nothing changed, and both sides were told.
     */
    EXPIRED
}
