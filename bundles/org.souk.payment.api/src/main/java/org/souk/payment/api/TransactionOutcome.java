package org.souk.payment.api;

/** What the gateway answered to one exchange. */
public enum TransactionOutcome {
    /** The money is captured. */
    PROCESSED,
    /** Under way: the client may have to act, or the gateway has not decided yet. */
    PENDING,
    /** Declined or failed. */
    ERROR,
    /** Not attempted, or voided before capture (also a payment Souk failed itself). */
    CANCELED,
    /** No answer (a timeout, a gateway error): the payment stays pending and is reconciled later. */
    UNKNOWN
}
