package org.souk.payment.api;

import org.souk.order.api.Order;

/** A cancelled order and, if it had been paid, its refund. */
public record Cancellation(Order order, Refund refund) {
}
