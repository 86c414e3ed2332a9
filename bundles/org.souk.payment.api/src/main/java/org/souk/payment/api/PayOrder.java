package org.souk.payment.api;

import java.util.Map;

/** A client's request to pay an order with a method, with what that method needs (e.g. the sandbox card). */
public record PayOrder(String orderId, String method, Map<String, String> details) {

    public PayOrder {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
