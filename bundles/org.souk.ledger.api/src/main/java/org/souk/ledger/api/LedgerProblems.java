package org.souk.ledger.api;

/** The problem types of the refusals of {@link LedgerService}, each saying why. */
public final class LedgerProblems {

    /** 409: the freelancer has an open withdrawal request already; there is one at a time. */
    public static final String WITHDRAWAL_OPEN = "withdrawal-open";
    /** 409: the amount is more than the available balance. */
    public static final String INSUFFICIENT_FUNDS = "insufficient-funds";
    /** 409: the withdrawal was paid or rejected already. */
    public static final String WITHDRAWAL_DECIDED = "withdrawal-decided";
    /** 404: no such withdrawal (or not the caller's). */
    public static final String NO_WITHDRAWAL = "no-withdrawal";
    /** 409: the order's escrow holds less than the posting would take from it, or a different currency. */
    public static final String ESCROW_SHORT = "escrow-short";
    /** 409: the order's refunds payable hold less than the refund paid. */
    public static final String NOTHING_PAYABLE = "nothing-payable";

    private LedgerProblems() {
    }
}
