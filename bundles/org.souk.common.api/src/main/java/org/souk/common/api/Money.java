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

    /** The longest amount text {@link #parse} reads: plenty for any price, too short to cost time. */
    private static final int MAX_AMOUNT_LENGTH = 40;

    /**
     * Parses a decimal amount such as {@code "250.00"} in the given currency. Sizes are checked before any
     * arithmetic, so that an exponent such as {@code 1e64000000} is refused at once instead of expanded.
     *
     * @throws IllegalArgumentException if the amount is not a number of at most 40
     *         characters, has more decimals than the currency allows, or does not fit in minor units
     */
    public static Money parse(String amount, String currency) {
        Objects.requireNonNull(amount, "amount");
        int scale = scaleOf(currency);
        String text = amount.trim();
        if (text.length() > MAX_AMOUNT_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_AMOUNT_LENGTH + " characters");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a decimal number: " + text);
        }
        if (value.signum() == 0) {
            return new Money(0, currency);
        }
        // Digits before the point; a long holds 18 of them safely, whatever the exponent says.
        if ((long) value.precision() - value.scale() > 18) {
            throw new IllegalArgumentException("is too large");
        }
        if (value.scale() > scale) {
            value = value.stripTrailingZeros();
            if (value.scale() > scale) {
                throw new IllegalArgumentException(currency + " takes at most " + scale + " decimals");
            }
        }
        try {
            return new Money(value.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue().longValueExact(), currency);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("is too large");
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
