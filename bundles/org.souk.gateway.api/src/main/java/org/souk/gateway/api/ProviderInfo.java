package org.souk.gateway.api;

import java.util.List;
import java.util.Set;

import org.souk.gateway.spi.ConfigurationCheck;
import org.souk.gateway.spi.PaymentMethod;

/**
 * A live provider as administrators see it, with the bundle that provides it. {@code test} marks a
 * simulator that moves no real money (the sandbox). {@code configuration} is the latest check of its
 * configuration against its gateway (see {@link PaymentGateway#checkConfiguration}).
 */
public record ProviderInfo(String id, String name, List<PaymentMethod> methods, Set<String> currencies,
        String bundle, boolean test, ConfigurationCheck configuration) {

    public ProviderInfo {
        configuration = configuration == null ? ConfigurationCheck.notChecked("not checked yet") : configuration;
    }

    public ProviderInfo(String id, String name, List<PaymentMethod> methods, Set<String> currencies, String bundle,
            boolean test) {
        this(id, name, methods, currencies, bundle, test, null);
    }
}
