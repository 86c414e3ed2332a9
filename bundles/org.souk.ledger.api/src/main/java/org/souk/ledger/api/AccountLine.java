package org.souk.ledger.api;

import java.time.Instant;

import org.souk.common.api.Nullable;

/** One entry on one of a user's accounts, with the posting and order it belongs to (a statement line). */
public record AccountLine(String postingId, PostingKind kind, @Nullable String orderId, Instant at, Account account,
        SignedMoney amount) {
}
