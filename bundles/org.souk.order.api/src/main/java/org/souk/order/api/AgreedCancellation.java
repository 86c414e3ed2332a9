package org.souk.order.api;

import org.souk.common.api.Money;

/** A mutual cancellation that was just agreed: the cancelled order and what goes back to the client. */
public record AgreedCancellation(Order order, OrderRequest request, Money refund) {
}
