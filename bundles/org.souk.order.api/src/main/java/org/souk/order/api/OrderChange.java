package org.souk.order.api;

/** A transition of one order, with the order it belongs to: what a live view of someone's orders shows. */
public record OrderChange(String orderId, String gigTitle, OrderEvent event) {
}
