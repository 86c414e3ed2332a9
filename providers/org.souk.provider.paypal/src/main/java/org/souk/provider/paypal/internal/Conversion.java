package org.souk.provider.paypal.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

import org.souk.common.api.Money;

/**
 * How an order amount becomes the amount PayPal charges: PayPal takes no MAD, so an order in MAD is charged
 * in another currency at a configured rate ({@code rate} units of the charge currency for one unit of the
 * order currency), rounded half-up to the charge currency's decimals.
 */
record Conversion(String orderCurrency, String chargeCurrency, BigDecimal rate) {

    Conversion {
        Objects.requireNonNull(orderCurrency, "orderCurrency");
        Objects.requireNonNull(chargeCurrency, "chargeCurrency");
        Money.scaleOf(orderCurrency); // rejects an unknown code
        Money.scaleOf(chargeCurrency);
        if (orderCurrency.equals(chargeCurrency)) {
            rate = BigDecimal.ONE;
        } else if (rate == null || rate.signum() <= 0) {
            throw new IllegalArgumentException("an exchange rate above zero is needed to charge " + orderCurrency
                    + " orders in " + chargeCurrency);
        }
    }

    /** Whether the currency is one Souk may hand this provider: the order currency or the charge currency. */
    boolean accepts(String currency) {
        return orderCurrency.equals(currency) || chargeCurrency.equals(currency);
    }

    /**
     * The amount PayPal is asked to charge for an amount in the order currency; an amount already in the
     * charge currency is left alone.
     *
     * @throws IllegalArgumentException for any other currency
     */
    Money toCharge(Money amount) {
        if (amount.currency().equals(chargeCurrency)) {
            return amount;
        }
        if (!amount.currency().equals(orderCurrency)) {
            throw new IllegalArgumentException("PayPal is set up for " + orderCurrency + " orders charged in "
                    + chargeCurrency + ", not for " + amount.currency());
        }
        BigDecimal charged = amount.toDecimal().multiply(rate)
                .setScale(Money.scaleOf(chargeCurrency), RoundingMode.HALF_UP);
        return Money.ofMinor(charged.unscaledValue().longValueExact(), chargeCurrency);
    }

    /** Whether charging {@code amount} means converting it. */
    boolean converts(Money amount) {
        return !amount.currency().equals(chargeCurrency);
    }
}
