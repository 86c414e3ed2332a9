package org.souk.gateway.spi;

import java.time.Instant;

/**
 * What a provider found when it checked its own configuration against its gateway (its keys accepted, say):
 * {@link Status#OK}, {@link Status#INVALID} (the gateway refused the keys: no payment will work),
 * {@link Status#UNREACHABLE} (the gateway did not answer: nothing is known), or {@link Status#NOT_CHECKED}
 * (the provider has no way to check, or has not yet). {@code message} says why, without any secret.
 */
public record ConfigurationCheck(Status status, String message, Instant checkedAt) {

    public enum Status { OK, INVALID, UNREACHABLE, NOT_CHECKED }

    public static ConfigurationCheck ok(String message) {
        return new ConfigurationCheck(Status.OK, message, Instant.now());
    }

    public static ConfigurationCheck invalid(String message) {
        return new ConfigurationCheck(Status.INVALID, message, Instant.now());
    }

    public static ConfigurationCheck unreachable(String message) {
        return new ConfigurationCheck(Status.UNREACHABLE, message, Instant.now());
    }

    public static ConfigurationCheck notChecked(String message) {
        return new ConfigurationCheck(Status.NOT_CHECKED, message, null);
    }
}
