package org.souk.order.api;

/** What one side of an order asks the other to agree to. */
public enum RequestKind {
    /** Either side asks to cancel a paid order, proposing how much of it goes back to the client. */
    CANCELLATION,
    /** The freelancer asks for more days; accepted, the due date moves. */
    EXTENSION
}
