package org.souk.ledger.api;

import java.time.Instant;
import java.util.List;

import org.souk.common.api.Nullable;

/**
 * One ledger transaction: entries that sum to zero in each currency, written once for its cause.
 *
 * @param cause the unique key of what caused it, such as {@code order:<id>:captured}; see {@link LedgerService}
 * @param orderId the order it concerns, or null (a withdrawal)
 * @param freelancerId the freelancer it concerns, or null (a payment captured)
 * @param conversion what the gateway charged in another currency, or null
 */
public record Posting(String id, String cause, PostingKind kind, @Nullable String orderId, @Nullable String freelancerId,
        Instant createdAt, List<LedgerEntry> entries, @Nullable Conversion conversion) {

    public Posting {
        entries = List.copyOf(entries);
    }
}
