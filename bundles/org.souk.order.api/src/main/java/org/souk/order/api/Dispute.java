package org.souk.order.api;

import java.time.Instant;

import org.souk.common.api.Money;
import org.souk.common.api.Nullable;

/**
 * One side of a paid order asked an administrator to decide it. {@code proposedRefund} is what the side
 * that opened it asks for (null: not said); once {@link DisputeStatus#RESOLVED}, the decision, the refund
 * decided (for {@link DisputeDecision#CANCEL}), the new due date (for {@link DisputeDecision#CONTINUE}), who
 * decided, when, and why.
 */
public record Dispute(String id, String orderId, DisputeStatus status, String openedBy, String reason,
        @Nullable Money proposedRefund, Instant openedAt, @Nullable DisputeDecision decision, @Nullable Money refund, @Nullable Instant dueAt,
        @Nullable String decidedBy, @Nullable String note, @Nullable Instant decidedAt) {

    public boolean isOpen() {
        return status == DisputeStatus.OPEN;
    }
}
