package org.souk.itests;

import org.junit.runner.RunWith;
import org.junit.runners.Suite;
import org.junit.runners.Suite.SuiteClasses;

/**
 * The tests that move money through its whole life (checkout, attempts, requests and disputes, reviews, the
 * ledger and payouts), in one container booted once: they move clocks, fire timers and hot-deploy providers,
 * so they share a container with each other and not with {@link ApiAndPlatformSuite}. CheckoutIT comes first
 * (it checks the bank-transfer provider arriving through deploy/ and leaving again), LedgerIT last (it installs
 * that provider's feature for its real-money payments and leaves it installed).
 */
@RunWith(Suite.class)
@SuiteClasses({
    CheckoutIT.class,
    PaymentAttemptsIT.class,
    OrderRequestsIT.class,
    ReviewsIT.class,
    LedgerIT.class,
})
public class OrdersAndMoneySuite {
}
