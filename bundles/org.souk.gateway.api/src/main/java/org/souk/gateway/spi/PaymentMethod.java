package org.souk.gateway.spi;

/** A way to pay that a provider offers, such as a card or CashPlus. */
public record PaymentMethod(String id, String name, MethodType type) {
}
