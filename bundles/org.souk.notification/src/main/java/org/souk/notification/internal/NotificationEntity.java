package org.souk.notification.internal;

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

@Entity
@Table(name = "notification")
public class NotificationEntity {

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

    protected NotificationEntity() {
    }

    NotificationEntity(String id, Draft draft, Instant now) {
        this.id = id;
        this.recipientId = draft.recipientId();
        this.type = draft.type();
        this.orderId = draft.orderId();
        this.title = cut(draft.title(), 200);
        this.body = cut(draft.body(), 1000);
        this.dedupKey = draft.dedupKey();
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

    /** A notification to store; {@code dedupKey} identifies the event and recipient it comes from. */
    record Draft(String recipientId, NotificationType type, String orderId, String title, String body, String dedupKey) {
    }
}
