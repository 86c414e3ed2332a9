package org.souk.order.api;

/** Limits on what a caller writes on an order, checked before anything is stored. */
public final class OrderLimits {

    /** Characters of the requirements a client gives with an order (after trimming). */
    public static final int MAX_REQUIREMENTS = 4000;
    /** Characters of a note: a delivery message, a revision request or a cancellation note. */
    public static final int MAX_NOTE = 900;
    /** Days one extension request may add to the due date. */
    public static final int MAX_EXTENSION_DAYS = 30;

    private OrderLimits() {
    }
}
