package org.souk.ledger.internal;

import org.souk.ledger.api.AccountKind;

/**
 * Which books an order's earnings are kept in: real money, or the play money of a test payment, kept apart
 * so that it never clears, never counts as available and can never be withdrawn.
 */
enum Book {
    REAL(AccountKind.PLATFORM_REVENUE, AccountKind.FREELANCER_PENDING, AccountKind.FREELANCER_AVAILABLE),
    TEST(AccountKind.TEST_REVENUE, AccountKind.TEST_EARNINGS, AccountKind.TEST_EARNINGS);

    /** Where the commission goes. */
    final AccountKind revenue;
    /** Where the freelancer's share goes on release. */
    final AccountKind earned;
    /** Where a clawback takes the freelancer's share back from. */
    final AccountKind clawedFrom;

    Book(AccountKind revenue, AccountKind earned, AccountKind clawedFrom) {
        this.revenue = revenue;
        this.earned = earned;
        this.clawedFrom = clawedFrom;
    }
}
