package org.souk.ledger.api;

/** What caused a posting. */
public enum PostingKind {
    /** A payment succeeded: gateway clearing → the order's escrow. */
    PAYMENT_CAPTURED,
    /**
     * A test payment succeeded (its provider moves no real money): gateway clearing → the order's escrow, whose
     * earnings then go to {@link AccountKind#TEST_EARNINGS} and {@link AccountKind#TEST_REVENUE}.
     */
    TEST_PAYMENT_CAPTURED,
    /** An order completed: escrow → commission to revenue, the rest to the freelancer's pending earnings. */
    ORDER_COMPLETED,
    /** An order was cancelled: the refund → refunds payable, the rest of the escrow treated as earnings. */
    ORDER_CANCELLED,
    /** A refund was paid at the gateway: refunds payable → gateway clearing. */
    REFUND_PAID,
    /** A refund after the money was released: the freelancer's available earnings (and the commission) → refunds payable. */
    CLAWBACK,
    /** The clearance period ended: pending → available. */
    CLEARANCE,
    /** A withdrawal was requested: available → reserved. */
    WITHDRAWAL_RESERVED,
    /** A withdrawal was paid: reserved → paid out. */
    WITHDRAWAL_PAID,
    /** A withdrawal was rejected: reserved → available. */
    WITHDRAWAL_REJECTED,
    /** A gateway took money that pays for nothing: gateway clearing → the order's suspense, until refunded. */
    STRAY_CHARGE,
    /** The refund of a stray charge was paid: the order's suspense → gateway clearing. */
    STRAY_CHARGE_RETURNED
}
