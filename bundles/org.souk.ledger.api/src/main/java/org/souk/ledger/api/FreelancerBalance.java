package org.souk.ledger.api;

/**
 * A freelancer's earnings in one currency. {@code available} is negative only after a clawback took back
 * more than was available. {@code test} is what orders paid with test payments earned: play money, shown
 * apart, never part of {@code pending} or {@code available} and never withdrawn.
 */
public record FreelancerBalance(String freelancerId, String currency, SignedMoney pending, SignedMoney available,
        SignedMoney reserved, SignedMoney paidOut, SignedMoney test) {

    /** A balance without test earnings. */
    public FreelancerBalance(String freelancerId, String currency, SignedMoney pending, SignedMoney available,
            SignedMoney reserved, SignedMoney paidOut) {
        this(freelancerId, currency, pending, available, reserved, paidOut, new SignedMoney(0, currency));
    }
}
