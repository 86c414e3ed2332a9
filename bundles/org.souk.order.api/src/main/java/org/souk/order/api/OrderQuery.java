package org.souk.order.api;

/** Which orders a history list shows: optionally one status, and the page. */
public record OrderQuery(OrderStatus status, int offset, int limit) {
}
