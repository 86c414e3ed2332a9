package org.souk.notification.inapp.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

import org.souk.notification.api.Notification;
import org.souk.notification.api.NotificationType;
import org.souk.notification.spi.OutgoingNotification;
import org.souk.persistence.Schema;

/** One notification in a user's inbox; its id is the notification's, so a repeated delivery finds it there. */
@Entity
@Table(name = "notification")
public class InboxEntity {

    /** The notification core's schema, whose migrations create this table. */
    static final String SCHEMA = "(" + Schema.NAME + "=notification)";

    @Id
    private String id;
    @Column(name = "recipient_id")
    private String recipientId;
    @Enumerated(EnumType.STRING)
    private NotificationType type;
    @Column(name = "order_id")
    private String orderId;
    private String title;
    private String body;
    @Column(name = "dedup_key")
    private String dedupKey;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "read_at")
    private Instant readAt;
    @Version
    private long version;

    protected InboxEntity() {
    }

    InboxEntity(String recipientId, NotificationType type, OutgoingNotification n, Instant now) {
        this.id = n.id();
        this.recipientId = recipientId;
        this.type = type;
        this.orderId = n.orderId();
        this.title = cut(n.title(), 200);
        this.body = cut(n.body(), 1000);
        this.dedupKey = n.id();
        this.createdAt = now;
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    String recipientId() {
        return recipientId;
    }

    void read(Instant now) {
        if (readAt == null) {
            readAt = now;
        }
    }

    Notification toNotification() {
        return new Notification(id, recipientId, type, orderId, title, body, createdAt, readAt);
    }
}
