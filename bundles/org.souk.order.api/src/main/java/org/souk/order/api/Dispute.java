package org.souk.order.api;

import java.time.Instant;

import org.souk.common.api.Money;

/**
 * One side of a paid order asked an administrator to decide it. {@code proposedRefund} is what the side
 * that opened it asks for (null: not said); once {@link DisputeStatus#RESOLVED}, the decision, the refund
 * decided (for {@link DisputeDecision#CANCEL}), the new due date (for {@link DisputeDecision#CONTINUE}), who
 * decided, when, and why.
 */
public record Dispute(String id, String orderId, DisputeStatus status, String openedBy, String reason,
        Money proposedRefund, Instant openedAt, DisputeDecision decision, Money refund, Instant dueAt,
        String decidedBy, String note, Instant decidedAt) {

    public boolean isOpen() {
        return status == DisputeStatus.OPEN;
    }
}
