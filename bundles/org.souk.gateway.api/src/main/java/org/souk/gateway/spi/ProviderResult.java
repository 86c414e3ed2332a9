package org.souk.gateway.spi;

import java.math.BigDecimal;

import org.souk.common.api.Money;

/**
 * A provider's answer: the outcome, its own reference for the payment, a message and maybe a next action.
 * A provider that charges in another currency than the order's (PayPal takes no MAD) also says what it
 * charged and at which rate (order currency to charged currency), so that both amounts are on record.
 *
 * <p>A decline ({@link ProviderStatus#ERROR}) carries a {@code declineCode} in lower_snake_case (see
 * {@link DeclineCodes}) next to the human {@code message}; a provider that says nothing gets
 * {@link DeclineCodes#UNKNOWN}. Any other outcome has none.
 */
public record ProviderResult(ProviderStatus status, String gatewayReference, String message, NextAction nextAction,
        Money charged, BigDecimal exchangeRate, String declineCode) {

    public ProviderResult {
        declineCode = status == ProviderStatus.ERROR ? DeclineCodes.normalise(declineCode) : null;
    }

    public ProviderResult(ProviderStatus status, String gatewayReference, String message, NextAction nextAction,
            Money charged, BigDecimal exchangeRate) {
        this(status, gatewayReference, message, nextAction, charged, exchangeRate, null);
    }

    public ProviderResult(ProviderStatus status, String gatewayReference, String message, NextAction nextAction) {
        this(status, gatewayReference, message, nextAction, null, null, null);
    }

    public static ProviderResult processed(String reference) {
        return new ProviderResult(ProviderStatus.PROCESSED, reference, null, null);
    }

    public static ProviderResult pending(String reference, NextAction next) {
        return new ProviderResult(ProviderStatus.PENDING, reference, null, next);
    }

    /** A decline whose reason the gateway did not code: its decline code is {@link DeclineCodes#UNKNOWN}. */
    public static ProviderResult error(String reference, String message) {
        return new ProviderResult(ProviderStatus.ERROR, reference, message, null);
    }

    /** A decline with the gateway's code for it, normalised by {@link DeclineCodes#normalise}. */
    public static ProviderResult declined(String reference, String message, String declineCode) {
        return new ProviderResult(ProviderStatus.ERROR, reference, message, null, null, null, declineCode);
    }

    public static ProviderResult unknown(String message) {
        return new ProviderResult(ProviderStatus.UNKNOWN, null, message, null);
    }

    /** The same answer, recording that the gateway charges {@code charged}, converted at {@code rate}. */
    public ProviderResult convertedTo(Money charged, BigDecimal rate) {
        return new ProviderResult(status, gatewayReference, message, nextAction, charged, rate, declineCode);
    }
}
