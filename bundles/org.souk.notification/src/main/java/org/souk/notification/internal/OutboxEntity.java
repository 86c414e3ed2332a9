package org.souk.notification.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

/** One cause of notifications, written in the transaction of its change; its version lets one node fan it out. */
@Entity
@Table(name = "notification_outbox")
public class OutboxEntity {

    enum State { PENDING, DONE }

    static final int MAX_PAYLOAD = 8000;

    @Id
    private String id;
    private String topic;
    private String payload;
    @Enumerated(EnumType.STRING)
    private State state;
    @Column(name = "due_at")
    private Instant dueAt;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "ended_at")
    private Instant endedAt;
    @Version
    private long version;

    protected OutboxEntity() {
    }

    OutboxEntity(String id, String topic, String payload, Instant now) {
        this.id = id;
        this.topic = topic;
        this.payload = payload;
        this.state = State.PENDING;
        this.dueAt = now;
        this.createdAt = now;
    }

    String id() {
        return id;
    }

    String topic() {
        return topic;
    }

    String payload() {
        return payload;
    }

    Instant createdAt() {
        return createdAt;
    }

    boolean dueAt(Instant now) {
        return state == State.PENDING && !dueAt.isAfter(now);
    }

    void done(Instant now) {
        state = State.DONE;
        endedAt = now;
    }
}
