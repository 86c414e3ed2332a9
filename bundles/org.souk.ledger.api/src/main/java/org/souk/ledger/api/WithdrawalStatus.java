package org.souk.ledger.api;

/** A withdrawal request is open while {@link #REQUESTED}; paid and rejected are final. */
public enum WithdrawalStatus {
    REQUESTED, PAID, REJECTED
}
