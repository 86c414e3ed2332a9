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
import org.souk.order.api.OrderRequest;
import org.souk.order.api.RequestKind;
import org.souk.order.api.RequestStatus;

/** One request between the two sides of an order; its version makes two racing answers meet: one wins. */
@Entity
@Table(name = "order_request")
public class OrderRequestEntity {

    @Id
    private String id;
    @Column(name = "order_id")
    private String orderId;
    @Enumerated(EnumType.STRING)
    private RequestKind kind;
    @Enumerated(EnumType.STRING)
    private RequestStatus status;
    @Column(name = "requested_by")
    private String requestedBy;
    private String reason;
    @Column(name = "refund_minor")
    private Long refundMinor;
    @Column(name = "refund_currency")
    private String refundCurrency;
    @Column(name = "extra_days")
    private Integer days;
    @Column(name = "requested_at")
    private Instant requestedAt;
    @Column(name = "answer_by")
    private Instant answerBy;
    @Column(name = "answered_by")
    private String answeredBy;
    @Column(name = "answer_note")
    private String answerNote;
    @Column(name = "answered_at")
    private Instant answeredAt;
    @Version
    private long version;

    protected OrderRequestEntity() {
    }

    static OrderRequestEntity cancellation(String id, String orderId, String requestedBy, String reason, Money refund,
            Instant now, Instant answerBy) {
        OrderRequestEntity r = new OrderRequestEntity(id, orderId, RequestKind.CANCELLATION, requestedBy, reason, now);
        r.refundMinor = refund.minor();
        r.refundCurrency = refund.currency();
        r.answerBy = answerBy;
        return r;
    }

    static OrderRequestEntity extension(String id, String orderId, String requestedBy, String reason, int days,
            Instant now) {
        OrderRequestEntity r = new OrderRequestEntity(id, orderId, RequestKind.EXTENSION, requestedBy, reason, now);
        r.days = days;
        return r;
    }

    private OrderRequestEntity(String id, String orderId, RequestKind kind, String requestedBy, String reason,
            Instant now) {
        this.id = id;
        this.orderId = orderId;
        this.kind = kind;
        this.status = RequestStatus.OPEN;
        this.requestedBy = requestedBy;
        this.reason = reason;
        this.requestedAt = now;
    }

    String id() {
        return id;
    }

    RequestKind kind() {
        return kind;
    }

    boolean isOpen() {
        return status == RequestStatus.OPEN;
    }

    String requestedBy() {
        return requestedBy;
    }

    String reason() {
        return reason;
    }

    Money refund() {
        return refundMinor == null ? null : new Money(refundMinor, refundCurrency);
    }

    int days() {
        return days == null ? 0 : days;
    }

    Instant answerBy() {
        return answerBy;
    }

    RequestStatus status() {
        return status;
    }

    /** When it was answered, withdrawn, lapsed or expired; null while open. */
    Instant closedAt() {
        return answeredAt;
    }

    /** Closes the open request with the other side's answer, or as lapsed or withdrawn. */
    void close(RequestStatus to, String actor, String note, Instant now) {
        if (status != RequestStatus.OPEN || to == RequestStatus.OPEN) {
            throw new IllegalStateException("request " + id + " is " + status);
        }
        status = to;
        answeredBy = actor;
        answerNote = note == null || note.isBlank() ? null : note;
        answeredAt = now;
    }

    OrderRequest toRequest() {
        return new OrderRequest(id, orderId, kind, status, requestedBy, reason, refund(), days, requestedAt, answerBy,
                answeredBy, answerNote, answeredAt);
    }
}
