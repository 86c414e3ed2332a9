package org.souk.order.api;

import java.time.Instant;

import org.souk.common.api.Money;
import org.souk.common.api.Nullable;

/**
 * A request one side of an order makes to the other: a mutual cancellation ({@code refund}: what the
 * client gets back, from nothing to the whole total) or an extension ({@code days} more to deliver).
 * {@code answerBy} is when an unanswered cancellation request is accepted automatically (null for an
 * extension, which waits for the client). Answered requests keep who answered, when, and why.
 */
public record OrderRequest(String id, String orderId, RequestKind kind, RequestStatus status, String requestedBy,
        @Nullable String reason, @Nullable Money refund, @Nullable Integer days, Instant requestedAt, @Nullable Instant answerBy, @Nullable String answeredBy,
        @Nullable String answerNote, @Nullable Instant answeredAt) {

    public boolean isOpen() {
        return status == RequestStatus.OPEN;
    }
}
