package org.souk.order.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

import org.souk.common.api.Money;
import org.souk.order.api.Dispute;
import org.souk.order.api.DisputeDecision;
import org.souk.order.api.DisputeStatus;

/** One dispute of one order; its version makes two racing decisions meet: one wins. */
@Entity
@Table(name = "order_dispute")
public class OrderDisputeEntity {

    @Id
    private String id;
    @Column(name = "order_id")
    private String orderId;
    @Enumerated(EnumType.STRING)
    private DisputeStatus status;
    @Column(name = "opened_by")
    private String openedBy;
    private String reason;
    @Column(name = "proposed_refund_minor")
    private Long proposedRefundMinor;
    @Column(name = "opened_at")
    private Instant openedAt;
    @Enumerated(EnumType.STRING)
    private DisputeDecision decision;
    @Column(name = "refund_minor")
    private Long refundMinor;
    private String currency;
    @Column(name = "new_due_at")
    private Instant newDueAt;
    @Column(name = "decided_by")
    private String decidedBy;
    private String note;
    @Column(name = "decided_at")
    private Instant decidedAt;
    @Version
    private long version;

    protected OrderDisputeEntity() {
    }

    OrderDisputeEntity(String id, String orderId, String openedBy, String reason, Money proposedRefund,
            String currency, Instant now) {
        this.id = id;
        this.orderId = orderId;
        this.status = DisputeStatus.OPEN;
        this.openedBy = openedBy;
        this.reason = reason;
        this.proposedRefundMinor = proposedRefund == null ? null : proposedRefund.minor();
        this.currency = currency;
        this.openedAt = now;
    }

    String id() {
        return id;
    }

    String orderId() {
        return orderId;
    }

    boolean isOpen() {
        return status == DisputeStatus.OPEN;
    }

    Instant openedAt() {
        return openedAt;
    }

    /** Records an administrator's decision; the order's move is the caller's. */
    void decided(DisputeDecision decision, Money refund, Instant dueAt, String by, String note, Instant now) {
        if (status != DisputeStatus.OPEN) {
            throw new IllegalStateException("dispute " + id + " is " + status);
        }
        this.status = DisputeStatus.RESOLVED;
        this.decision = decision;
        this.refundMinor = refund == null ? null : refund.minor();
        this.newDueAt = dueAt;
        this.decidedBy = by;
        this.note = note;
        this.decidedAt = now;
    }

    Dispute toDispute() {
        return new Dispute(id, orderId, status, openedBy, reason,
                proposedRefundMinor == null ? null : new Money(proposedRefundMinor, currency), openedAt, decision,
                refundMinor == null ? null : new Money(refundMinor, currency), newDueAt, decidedBy, note, decidedAt);
    }
}
