package org.souk.notification.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

import org.souk.notification.api.Delivery;
import org.souk.notification.api.NotificationType;
import org.souk.notification.spi.OutgoingNotification;

/**
 * One notification to one recipient on one channel. Claimed before its channel is called (its due time moves
 * past the call, its version makes a second claim fail), so a crash mid-call leaves it to be tried again.
 */
@Entity
@Table(name = "notification_delivery")
public class DeliveryEntity {

    @Id
    private String id;
    @Column(name = "notification_id")
    private String notificationId;
    @Column(name = "outbox_id")
    private String outboxId;
    @Column(name = "recipient_id")
    private String recipientId;
    @Enumerated(EnumType.STRING)
    private NotificationType type;
    private String channel;
    @Column(name = "order_id")
    private String orderId;
    private String title;
    private String body;
    private String data;
    @Enumerated(EnumType.STRING)
    private Delivery.State state;
    private int attempts;
    @Column(name = "last_error")
    private String lastError;
    @Column(name = "due_at")
    private Instant dueAt;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "ended_at")
    private Instant endedAt;
    @Version
    private long version;

    protected DeliveryEntity() {
    }

    DeliveryEntity(String id, String notificationId, String outboxId, Draft draft, String channel, String data,
            Instant now) {
        this.id = id;
        this.notificationId = notificationId;
        this.outboxId = outboxId;
        this.recipientId = draft.recipientId();
        this.type = draft.type();
        this.channel = channel;
        this.orderId = draft.orderId();
        this.title = cut(draft.title(), 200);
        this.body = cut(draft.body(), 1000);
        this.data = data;
        this.state = Delivery.State.PENDING;
        this.dueAt = now;
        this.createdAt = now;
    }

    static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    String id() {
        return id;
    }

    String channel() {
        return channel;
    }

    String recipientId() {
        return recipientId;
    }

    String notificationId() {
        return notificationId;
    }

    NotificationType type() {
        return type;
    }

    String orderId() {
        return orderId;
    }

    int attempts() {
        return attempts;
    }

    boolean pending() {
        return state == Delivery.State.PENDING;
    }

    boolean dueAt(Instant now) {
        return pending() && !dueAt.isAfter(now);
    }

    /** Takes the delivery for one attempt: nobody else takes it before {@code until}. */
    void claim(Instant until) {
        attempts++;
        dueAt = until;
    }

    void delivered(Instant now) {
        state = Delivery.State.DELIVERED;
        lastError = null;
        endedAt = now;
    }

    void retryAt(Instant at, String error) {
        lastError = cut(error, 500);
        dueAt = at;
    }

    void failed(Instant now, String error) {
        state = Delivery.State.FAILED;
        lastError = cut(error, 500);
        endedAt = now;
    }

    /** An administrator sends a failed delivery again, with fresh attempts. */
    boolean reopen(Instant now) {
        if (state != Delivery.State.FAILED) {
            return false;
        }
        state = Delivery.State.PENDING;
        attempts = 0;
        dueAt = now;
        endedAt = null;
        return true;
    }

    OutgoingNotification toOutgoing(Instant causeAt) {
        return new OutgoingNotification(notificationId, type.id(), orderId, title, body,
                Payload.asText(Payload.decode(data)), causeAt == null ? createdAt : causeAt);
    }

    Delivery toDelivery() {
        return new Delivery(id, notificationId, recipientId, type, channel, state, attempts, lastError,
                state == Delivery.State.PENDING ? dueAt : null, createdAt, endedAt);
    }
}
