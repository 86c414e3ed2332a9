package org.souk.ledger.api;

/**
 * The kinds of ledger account. Each account is one kind, one owner and one currency (see {@link Account}).
 * With the sign convention of {@link LedgerService}, the balance of each kind reads as follows.
 */
public enum AccountKind {
    /**
     * Per payment provider: money that came in through the gateway (a negative balance: what the gateway
     * collected for Souk, less what was refunded through it). Owner: the provider id.
     */
    GATEWAY_CLEARING,
    /** Per order: the client's payment, held until the order completes or is cancelled. Owner: the order id. */
    ESCROW,
    /** The platform's commission. Owner: {@link Account#PLATFORM}. */
    PLATFORM_REVENUE,
    /** A freelancer's earnings waiting for the clearance period. Owner: the freelancer id. */
    FREELANCER_PENDING,
    /**
     * A freelancer's cleared earnings, free to withdraw. The only balance that may go negative, and only
     * through a clawback. Owner: the freelancer id.
     */
    FREELANCER_AVAILABLE,
    /** Available earnings set aside by an open withdrawal request. Owner: the freelancer id. */
    WITHDRAWAL_RESERVED,
    /** What was paid out to a freelancer (money that left Souk, a positive balance). Owner: the freelancer id. */
    FREELANCER_PAID_OUT,
    /** Per order: refunds owed to the order's client and not yet paid at the gateway. Owner: the order id. */
    REFUNDS_PAYABLE,
    /**
     * Per order: money a gateway took that pays for nothing (a success after the payment failed, a second
     * charge), owed back to the client until its refund is paid. Owner: the order id.
     */
    SUSPENSE,
    /**
     * A freelancer's share of an order paid with a test payment (a provider that moves no real money): kept
     * apart from real earnings, never cleared and never withdrawn. Negative only after a clawback. Owner: the
     * freelancer id.
     */
    TEST_EARNINGS,
    /** The commission on orders paid with test payments, kept apart from real revenue. Owner: {@link Account#PLATFORM}. */
    TEST_REVENUE
}
