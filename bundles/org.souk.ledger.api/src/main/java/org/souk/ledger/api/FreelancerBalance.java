package org.souk.ledger.api;

/**
 * A freelancer's earnings in one currency. {@code available} is negative only after a clawback took back
 * more than was available.
 */
public record FreelancerBalance(String freelancerId, String currency, SignedMoney pending, SignedMoney available,
        SignedMoney reserved, SignedMoney paidOut) {
}
