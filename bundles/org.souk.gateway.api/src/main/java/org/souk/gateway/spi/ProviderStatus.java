package org.souk.gateway.spi;

/** The small set of outcomes the core decides on. */
public enum ProviderStatus {
    /** The money is captured. */
    PROCESSED,
    /** Under way; the customer may have to act (see the next action); a webhook or a look-up settles it. */
    PENDING,
    /** Declined or failed; final. */
    ERROR,
    /** Not attempted, or voided before capture; final. */
    CANCELED,
    /** No answer (timeout, 5xx): the payment stays pending and is reconciled later. */
    UNKNOWN;

    public boolean isFinal() {
        return this == PROCESSED || this == ERROR || this == CANCELED;
    }
}
