package org.souk.order.api;

/** Why an order was cancelled. DISPUTE_DECISION: an administrator decided a dispute so. */
public enum CancellationReason {
    PAYMENT_FAILED, PAYMENT_EXPIRED, CLIENT_WITHDREW, FREELANCER_DECLINED, MUTUAL_AGREEMENT, LATE_DELIVERY,
    POLICY_VIOLATION, DISPUTE_DECISION
}
