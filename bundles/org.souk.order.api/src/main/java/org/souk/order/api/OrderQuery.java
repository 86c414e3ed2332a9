package org.souk.order.api;

import java.time.Instant;

/**
 * Which orders a history list shows: optionally one status, and the page. {@code after} is the
 * {@link org.souk.common.api.Page#next() next} cursor of the previous page: with it the list continues
 * right after that page's last order (newest first), {@code offset} is ignored and nothing is counted, so a
 * page costs the same however long the history. Without it the list pages by {@code offset}.
 *
 * <p>The other filters narrow the list further, all of them together: the order's client, its freelancer, its
 * gig, and when it was placed ({@code since} included, {@code until} excluded). Null filters nothing. They
 * never widen what a caller may see: a client or freelancer still sees only the orders they take part in.
 */
public record OrderQuery(OrderStatus status, int offset, int limit, String after, String clientId,
        String freelancerId, String gigId, Instant since, Instant until) {

    /** Paged by offset. */
    public OrderQuery(OrderStatus status, int offset, int limit) {
        this(status, offset, limit, null);
    }

    /** One status or all, paged by offset or by cursor. */
    public OrderQuery(OrderStatus status, int offset, int limit, String after) {
        this(status, offset, limit, after, null, null, null, null, null);
    }

    /** Whether any filter beyond the status narrows the list. */
    public boolean narrowed() {
        return clientId != null || freelancerId != null || gigId != null || since != null || until != null;
    }
}
