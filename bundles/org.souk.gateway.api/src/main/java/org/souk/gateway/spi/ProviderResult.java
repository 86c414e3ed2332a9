package org.souk.gateway.spi;

/** A provider's answer: the outcome, its own reference for the payment, a message and maybe a next action. */
public record ProviderResult(ProviderStatus status, String gatewayReference, String message, NextAction nextAction) {

    public static ProviderResult processed(String reference) {
        return new ProviderResult(ProviderStatus.PROCESSED, reference, null, null);
    }

    public static ProviderResult pending(String reference, NextAction next) {
        return new ProviderResult(ProviderStatus.PENDING, reference, null, next);
    }

    public static ProviderResult error(String reference, String message) {
        return new ProviderResult(ProviderStatus.ERROR, reference, message, null);
    }

    public static ProviderResult unknown(String message) {
        return new ProviderResult(ProviderStatus.UNKNOWN, null, message, null);
    }
}
