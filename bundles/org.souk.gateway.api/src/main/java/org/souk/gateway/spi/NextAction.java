package org.souk.gateway.spi;

import java.util.Map;

/**
 * What the customer must do to finish a pending payment: follow a redirect, run a widget with the
 * given data, or show a code (CashPlus).
 */
public record NextAction(String type, String url, Map<String, String> data) {

    public static final String REDIRECT = "redirect";
    public static final String WIDGET = "widget";
    public static final String DISPLAY_CODE = "display_code";

    public NextAction {
        data = data == null ? Map.of() : Map.copyOf(data);
    }
}
