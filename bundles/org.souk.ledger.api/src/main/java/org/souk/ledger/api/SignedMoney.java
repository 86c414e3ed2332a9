package org.souk.ledger.api;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

import org.souk.common.api.Money;

/**
 * An amount in minor units that may be negative: a ledger entry (positive moves money into its account,
 * negative out of it) or a balance (an available balance below zero after a clawback). {@link Money} is the
 * non-negative form; {@link #magnitude()} converts.
 */
public record SignedMoney(long minor, String currency) {

    public SignedMoney {
        Objects.requireNonNull(currency, "currency");
        Currency.getInstance(currency);
    }

    public static SignedMoney zero(String currency) {
        return new SignedMoney(0, currency);
    }

    /** The amount as a positive entry (money into the account). */
    public static SignedMoney in(Money amount) {
        return new SignedMoney(amount.minor(), amount.currency());
    }

    /** The amount as a negative entry (money out of the account). */
    public static SignedMoney out(Money amount) {
        return new SignedMoney(Math.negateExact(amount.minor()), amount.currency());
    }

    public boolean isNegative() {
        return minor < 0;
    }

    public boolean isZero() {
        return minor == 0;
    }

    public SignedMoney plus(SignedMoney other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " and " + other.currency);
        }
        return new SignedMoney(Math.addExact(minor, other.minor), currency);
    }

    public SignedMoney negate() {
        return new SignedMoney(Math.negateExact(minor), currency);
    }

    /** The size of the amount, whatever its sign. */
    public Money magnitude() {
        return new Money(Math.absExact(minor), currency);
    }

    /** The decimal form with the currency's scale and its sign, e.g. {@code "-12.50"}. */
    public String toDecimalString() {
        return BigDecimal.valueOf(minor, Money.scaleOf(currency)).toPlainString();
    }

    @Override
    public String toString() {
        return toDecimalString() + " " + currency;
    }
}
