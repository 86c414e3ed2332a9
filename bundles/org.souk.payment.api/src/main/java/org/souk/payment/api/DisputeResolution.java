package org.souk.payment.api;

import org.souk.common.api.Nullable;
import org.souk.order.api.Dispute;
import org.souk.order.api.Order;

/** A decided dispute, the order as it now stands, and the refund the decision made (null if none). */
public record DisputeResolution(Dispute dispute, Order order, @Nullable Refund refund) {
}
