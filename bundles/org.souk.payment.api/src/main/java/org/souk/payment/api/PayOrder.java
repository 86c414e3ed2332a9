package org.souk.payment.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A client's request to pay an order with a method, with what that method needs (e.g. the sandbox card). */
public record PayOrder(String orderId, String method, Map<String, String> details) {

    public PayOrder {
        // Kept as sent, nulls included, so that the service can name a null detail instead of failing here.
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
