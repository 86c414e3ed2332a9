package org.souk.payment.api;

/** The kinds of exchange with a gateway that are recorded. */
public enum TransactionKind {
    INITIATE, STATUS_CHECK, WEBHOOK, REFUND
}
