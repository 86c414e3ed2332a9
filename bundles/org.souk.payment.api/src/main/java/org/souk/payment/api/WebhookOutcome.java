package org.souk.payment.api;

/** What a verified webhook did. */
public enum WebhookOutcome {
    /** It settled or updated a payment. */
    APPLIED,
    /** Its event id was seen before; nothing changed. */
    DUPLICATE,
    /** It concerns no known payment, or nothing it says changes anything. */
    IGNORED
}
