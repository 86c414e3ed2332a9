package org.souk.review.api;

import java.time.Instant;

import org.souk.common.api.Nullable;

/**
 * A client's review of a completed order, and the freelancer's reply (null until given). The comment and
 * the reply are stored and returned exactly as written.
 */
public record Review(String id, String orderId, String gigId, String clientId, String freelancerId, int rating,
        @Nullable String comment, Instant createdAt, @Nullable String reply, @Nullable Instant repliedAt) {
}
