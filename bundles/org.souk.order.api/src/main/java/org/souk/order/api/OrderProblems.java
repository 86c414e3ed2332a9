package org.souk.order.api;

/**
 * The problem types of the order service's refusals, each saying why, so that a frontend can branch on
 * them. Each is still a 403, 404 or 409 for a client that only knows the status.
 */
public final class OrderProblems {

    /** 409: a request of this kind is already open on the order; there is one at a time. */
    public static final String REQUEST_ALREADY_OPEN = "request-already-open";
    /** 409: there is no open request of this kind to answer or withdraw. */
    public static final String NO_OPEN_REQUEST = "no-open-request";
    /** 404: the order never had a request of this kind. */
    public static final String NO_REQUEST = "no-request";
    /** 403: the other side answers a request, not the side that made it; or this party may not act now. */
    public static final String NOT_YOUR_TURN = "not-your-turn";
    /** 409: the order's state does not allow this (not paid yet, closed, not in progress …). */
    public static final String WRONG_STATE = "wrong-state";
    /** 409: the window for this action has not opened or has closed. */
    public static final String WINDOW_CLOSED = "window-closed";
    /** 409: the package's revisions are used up. */
    public static final String REVISIONS_EXHAUSTED = "revisions-exhausted";

    /** 409: after a declined or expired request the same side waits the cooldown before asking again. */
    public static final String REQUEST_COOLDOWN = "request-cooldown";
    /** 409: this side made as many cancellation requests on the order as it may. */
    public static final String REQUEST_LIMIT = "request-limit";
    /** 409: the order is disputed: nothing moves until an administrator decides. */
    public static final String DISPUTED = "order-disputed";
    /** 409: the dispute was decided already. */
    public static final String DISPUTE_CLOSED = "dispute-closed";

    private OrderProblems() {
    }
}
