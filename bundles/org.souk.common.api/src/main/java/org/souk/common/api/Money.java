package org.souk.common.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in minor units (centimes for MAD) with its ISO-4217 currency.
 * Never a double: arithmetic is exact and the scale comes from the currency.
 */
public record Money(long minor, String currency) implements Comparable<Money> {

    public static final String MAD = "MAD";

    public Money {
        Objects.requireNonNull(currency, "currency");
        Currency.getInstance(currency); // throws IllegalArgumentException for an unknown code
        if (minor < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
    }

    public static Money ofMinor(long minor, String currency) {
        return new Money(minor, currency);
    }

    /**
     * Parses a decimal amount such as {@code "250.00"} in the given currency.
     *
     * @throws IllegalArgumentException if the amount has more decimals than the currency allows
     */
    public static Money parse(String amount, String currency) {
        Objects.requireNonNull(amount, "amount");
        int scale = scaleOf(currency);
        BigDecimal value;
        try {
            value = new BigDecimal(amount.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a decimal number: " + amount);
        }
        try {
            return new Money(value.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue().longValueExact(), currency);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(currency + " takes at most " + scale + " decimals");
        }
    }

    /** Number of decimals of the currency (2 for MAD, 0 for JPY). */
    public static int scaleOf(String currency) {
        return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    }

    public BigDecimal toDecimal() {
        return BigDecimal.valueOf(minor, scaleOf(currency));
    }

    /** The decimal form with the currency's scale, e.g. {@code "250.00"}. */
    public String toDecimalString() {
        return toDecimal().toPlainString();
    }

    public boolean isZero() {
        return minor == 0;
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minor, other.minor), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minor, other.minor), currency);
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(minor, other.minor);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " and " + other.currency);
        }
    }

    @Override
    public String toString() {
        return toDecimalString() + " " + currency;
    }
}
