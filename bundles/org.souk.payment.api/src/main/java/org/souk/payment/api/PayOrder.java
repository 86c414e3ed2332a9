package org.souk.payment.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A client's request to pay an order with a method, with what that method needs (e.g. the sandbox card).
 * {@code customerIp} and {@code language} are what the API saw of the caller (its address, its
 * {@code Accept-Language}), not what the body claims; either may be null.
 */
public record PayOrder(String orderId, String method, Map<String, String> details, String customerIp, String language) {

    public PayOrder {
        // Kept as sent, nulls included, so that the service can name a null detail instead of failing here.
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public PayOrder(String orderId, String method, Map<String, String> details) {
        this(orderId, method, details, null, null);
    }
}
