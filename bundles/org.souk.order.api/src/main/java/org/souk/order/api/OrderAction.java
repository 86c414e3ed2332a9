package org.souk.order.api;

/**
 * What a caller may do to an order right now, so that a frontend shows the right buttons without
 * re-implementing the state machine. Each service names the actions it decides.
 */
public enum OrderAction {
    /** The client pays (again, while the order is unpaid). */
    PAY,
    /** The client withdraws an unpaid order. */
    WITHDRAW,
    /** The freelancer accepts a paid order. */
    ACCEPT,
    /** The freelancer declines a paid order, which is refunded. */
    DECLINE,
    /** The freelancer delivers. */
    DELIVER,
    /** The client sends a delivery back (while the package has revisions left). */
    REQUEST_REVISION,
    /** The client accepts a delivery. */
    COMPLETE,
    /** The client cancels an order never delivered and still undelivered past its due date and the late grace (full refund). */
    CANCEL_LATE,
    /** An administrator cancels for any reason the order's state allows. */
    CANCEL,
    /** Either side asks the other to cancel a paid order, proposing a refund. */
    REQUEST_CANCELLATION,
    /** The other side accepts or declines the open cancellation request. */
    ANSWER_CANCELLATION,
    /** The side that asked for the cancellation takes the request back. */
    WITHDRAW_CANCELLATION_REQUEST,
    /** The freelancer asks for more days. */
    REQUEST_EXTENSION,
    /** The client accepts or declines the open extension request. */
    ANSWER_EXTENSION,
    /** The freelancer takes the extension request back. */
    WITHDRAW_EXTENSION_REQUEST,
    /** Either side of a paid, open order asks an administrator to decide it; the order's timers stop meanwhile. */
    OPEN_DISPUTE,
    /** The client reviews a completed order. */
    REVIEW,
    /** The freelancer replies to the review. */
    REPLY_TO_REVIEW
}
