package org.souk.gateway.api;

import java.util.Set;

import org.souk.gateway.spi.MethodType;

/**
 * A payment method a client can choose right now, and the provider behind it. {@code test} marks a method
 * of a simulator: paying with it moves no real money.
 */
public record AvailableMethod(String id, String name, MethodType type, String provider, Set<String> currencies,
        boolean test) {
}
