package org.souk.payment.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A gateway event already applied; its primary key makes a replay fail, so each event acts once. */
@Entity
@Table(name = "payment_webhook_event")
public class WebhookEventEntity {

    @Id
    private String id;
    private String provider;
    @Column(name = "event_id")
    private String eventId;
    @Column(name = "payment_id")
    private String paymentId;
    @Column(name = "received_at")
    private Instant receivedAt;

    protected WebhookEventEntity() {
    }

    WebhookEventEntity(String provider, String eventId, String paymentId, Instant receivedAt) {
        this.id = provider + ":" + eventId;
        this.provider = provider;
        this.eventId = eventId;
        this.paymentId = paymentId;
        this.receivedAt = receivedAt;
    }
}
