package org.souk.payment.api;

import org.souk.order.api.Order;

import org.souk.common.api.Nullable;

/** A cancelled order and, if it had been paid, its refund. */
public record Cancellation(Order order, @Nullable Refund refund) {
}
