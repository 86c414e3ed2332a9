package org.souk.order.api;

/** The four statuses of the product spec. Work inside PROCESSING is tracked by {@link OrderStage}. */
public enum OrderStatus {
    /** Placed, awaiting payment. */
    PENDING,
    /** Paid; the freelancer is accepting, working or revising. */
    PROCESSING,
    /** Delivered and accepted; closed. */
    COMPLETED,
    /** Closed without completion; see the cancellation reason. */
    CANCELLED;

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED;
    }
}
