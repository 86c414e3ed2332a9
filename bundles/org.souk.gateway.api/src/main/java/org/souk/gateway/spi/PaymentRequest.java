package org.souk.gateway.spi;

import java.util.Map;

import org.souk.common.api.Money;

/**
 * A payment to start. {@code details} carries what the method needs (the sandbox's test card number,
 * return URLs, a customer's name …); {@code idempotencyKey} is stable across retries of one payment;
 * {@code customer} is what Souk itself knows of the paying customer (never null; its fields may be).
 */
public record PaymentRequest(String paymentId, String orderId, String methodId, Money amount, String description,
        Map<String, String> details, String idempotencyKey, CustomerContext customer) {

    public PaymentRequest {
        details = Map.copyOf(details);
        customer = customer == null ? CustomerContext.NONE : customer;
    }

    public PaymentRequest(String paymentId, String orderId, String methodId, Money amount, String description,
            Map<String, String> details, String idempotencyKey) {
        this(paymentId, orderId, methodId, amount, description, details, idempotencyKey, CustomerContext.NONE);
    }

    public String detail(String name) {
        return details.get(name);
    }
}
