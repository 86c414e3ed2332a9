package org.souk.ledger.api.payout;

/**
 * What a provider says about a payout.
 *
 * @param reference the provider's reference for it (recorded on the withdrawal once paid)
 * @param message a short reason for a failure, safe to show to an administrator
 */
public record PayoutResult(Status status, String reference, String message) {

    public enum Status {
        /** The money was sent. */
        PAID,
        /** Accepted, not settled yet: ask {@link PayoutProvider#status} later. */
        PENDING,
        /** Refused or failed for good: the withdrawal may be rejected and its amount returned. */
        FAILED
    }
}
