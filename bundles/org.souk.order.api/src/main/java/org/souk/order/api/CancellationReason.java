package org.souk.order.api;

/** Why an order was cancelled. */
public enum CancellationReason {
    PAYMENT_FAILED, PAYMENT_EXPIRED, CLIENT_WITHDREW, FREELANCER_DECLINED, MUTUAL_AGREEMENT, LATE_DELIVERY,
    POLICY_VIOLATION
}
