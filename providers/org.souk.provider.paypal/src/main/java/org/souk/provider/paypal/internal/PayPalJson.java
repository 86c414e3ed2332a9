package org.souk.provider.paypal.internal;

import org.souk.common.api.Money;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** PayPal's JSON shapes that every exchange shares: amounts and scalar texts. */
final class PayPalJson {

    private PayPalJson() {
    }

    /** Writes a PayPal amount object ({@code currency_code}, {@code value}). */
    static void amount(ObjectNode node, Money money) {
        node.put("currency_code", money.currency());
        node.put("value", money.toDecimalString());
    }

    /** A PayPal amount object, or null if there is none or it does not parse. */
    static Money money(JsonNode amount) {
        String currency = text(amount.path("currency_code"));
        String value = text(amount.path("value"));
        if (currency == null || value == null) {
            return null;
        }
        try {
            return Money.parse(value, currency);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The text of a scalar node, or null for a blank or structured one. */
    static String text(JsonNode node) {
        return node.isValueNode() && !node.asText().isBlank() ? node.asText() : null;
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
