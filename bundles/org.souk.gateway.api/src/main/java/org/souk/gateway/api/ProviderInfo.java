package org.souk.gateway.api;

import java.util.List;
import java.util.Set;

import org.souk.gateway.spi.PaymentMethod;

/**
 * A live provider as administrators see it, with the bundle that provides it. {@code test} marks a
 * simulator that moves no real money (the sandbox).
 */
public record ProviderInfo(String id, String name, List<PaymentMethod> methods, Set<String> currencies,
        String bundle, boolean test) {
}
