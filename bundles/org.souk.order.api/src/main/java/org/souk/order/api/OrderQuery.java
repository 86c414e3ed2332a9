package org.souk.order.api;

/**
 * Which orders a history list shows: optionally one status, and the page. {@code after} is the
 * {@link org.souk.common.api.Page#next() next} cursor of the previous page: with it the list continues
 * right after that page's last order (newest first), {@code offset} is ignored and nothing is counted, so a
 * page costs the same however long the history. Without it the list pages by {@code offset}.
 */
public record OrderQuery(OrderStatus status, int offset, int limit, String after) {

    /** Paged by offset. */
    public OrderQuery(OrderStatus status, int offset, int limit) {
        this(status, offset, limit, null);
    }
}
