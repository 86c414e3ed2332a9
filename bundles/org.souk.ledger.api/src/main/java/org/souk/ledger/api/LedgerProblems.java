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

    /** 409: the freelancer registered no payout details (IBAN and holder), so a provider cannot pay them. */
    public static final String NO_PAYOUT_DETAILS = "no-payout-details";
    /**
     * 409: the withdrawal is being paid through a payout provider: it is neither paid again nor paid or
     * rejected by hand; the provider's answer decides it.
     */
    public static final String WITHDRAWAL_PAYING = "withdrawal-paying";
    /** 409: a payout claim was to be released, and no payout provider is paying the withdrawal. */
    public static final String WITHDRAWAL_NOT_PAYING = "withdrawal-not-paying";

    private LedgerProblems() {
    }
}
