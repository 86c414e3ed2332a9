package org.souk.payment.api;

import java.util.Map;

import org.souk.common.api.Nullable;

/**
 * What the client still has to do to finish a pending payment: follow a redirect ({@code url}), run a
 * payment widget with {@code data}, or show a code (CashPlus: {@code data.reference}). {@code type} is one
 * of the constants below.
 */
public record PaymentNextAction(String type, @Nullable String url, Map<String, String> data) {

    public static final String REDIRECT = "redirect";
    public static final String WIDGET = "widget";
    public static final String DISPLAY_CODE = "display_code";

    public PaymentNextAction {
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
