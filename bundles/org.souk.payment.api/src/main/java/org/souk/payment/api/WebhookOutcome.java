package org.souk.payment.api;

/** What a verified webhook did. */
public enum WebhookOutcome {
    /** It settled or updated a payment. */
    APPLIED,
    /** Its event id was seen before; nothing changed. */
    DUPLICATE,
    /** It concerns no known payment, or nothing it says changes anything. */
    IGNORED,
    /**
     * Verified, but what it says does not match the payment (another amount, currency or gateway
     * reference): recorded on the payment and not settled.
     */
    REFUSED
}
