package org.souk.rest.internal.resource;

import java.util.function.Supplier;

import org.souk.common.api.Money;
import org.souk.common.api.ValidationException;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An amount a caller sends, in the shape the API answers with: {@code {"amount": "150.00", "currency": "MAD"}}.
 * Without a currency, the one the context gives (an order's).
 */
public record MoneyBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "A decimal string or a number") String amount,
        String currency) {

    /** @param field the body's field holding this amount, or null when the amount is the whole body */
    public Money toMoney(String field, Supplier<String> defaultCurrency) {
        String prefix = field == null ? "" : field + ".";
        if (amount == null || amount.isBlank()) {
            throw new ValidationException(prefix + "amount", "is required, e.g. \"150.00\"");
        }
        String code = currency == null || currency.isBlank() ? defaultCurrency.get() : currency.trim();
        try {
            java.util.Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(prefix + "currency", "is not an ISO-4217 currency code");
        }
        try {
            return Money.parse(amount, code);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(prefix + "amount", e.getMessage());
        }
    }
}
