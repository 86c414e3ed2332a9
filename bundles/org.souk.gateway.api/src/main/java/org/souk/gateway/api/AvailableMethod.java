package org.souk.gateway.api;

import java.util.Set;

import org.souk.gateway.spi.MethodType;

/** A payment method a client can choose right now, and the provider behind it. */
public record AvailableMethod(String id, String name, MethodType type, String provider, Set<String> currencies) {
}
