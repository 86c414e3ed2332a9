package org.souk.payment.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

import org.souk.common.api.Money;
import org.souk.gateway.spi.RefundResult;
import org.souk.payment.api.Refund;
import org.souk.payment.api.RefundStatus;

@Entity
@Table(name = "payment_refund")
public class RefundEntity {

    @Id
    private String id;
    @Column(name = "payment_id")
    private String paymentId;
    @Column(name = "order_id")
    private String orderId;
    @Column(name = "amount_minor")
    private long amountMinor;
    private String currency;
    @Enumerated(EnumType.STRING)
    private RefundStatus status;
    private String reason;
    @Column(name = "gateway_reference")
    private String gatewayReference;
    private String message;
    @Column(name = "requested_by")
    private String requestedBy;
    @Column(name = "requested_at")
    private Instant requestedAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected RefundEntity() {
    }

    RefundEntity(String id, String paymentId, String orderId, Money amount, String reason, String requestedBy, Instant now) {
        this.id = id;
        this.paymentId = paymentId;
        this.orderId = orderId;
        this.amountMinor = amount.minor();
        this.currency = amount.currency();
        this.status = RefundStatus.REQUESTED;
        this.reason = reason.length() <= 500 ? reason : reason.substring(0, 500);
        this.requestedBy = requestedBy;
        this.requestedAt = now;
        this.updatedAt = now;
    }

    RefundStatus status() {
        return status;
    }

    /** Records the gateway's answer; a gateway without refunds leaves the refund to an administrator. */
    void answered(RefundResult result, Instant now) {
        status = switch (result.status()) {
            case SUCCEEDED -> RefundStatus.SUCCEEDED;
            case PENDING -> RefundStatus.PENDING;
            case FAILED -> RefundStatus.FAILED;
            case UNSUPPORTED -> RefundStatus.MANUAL;
        };
        if (result.gatewayReference() != null) {
            gatewayReference = result.gatewayReference();
        }
        message = trim(result.message());
        updatedAt = now;
    }

    void completedManually(String by, String note, Instant now) {
        status = RefundStatus.SUCCEEDED;
        message = trim("refunded outside Souk, confirmed by " + by + (note == null || note.isBlank() ? "" : ": " + note));
        updatedAt = now;
    }

    private static String trim(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }

    Refund toRefund() {
        return new Refund(id, paymentId, orderId, new Money(amountMinor, currency), status, reason, gatewayReference,
                message, requestedBy, requestedAt, updatedAt);
    }
}
