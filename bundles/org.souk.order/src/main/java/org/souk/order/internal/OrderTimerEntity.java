package org.souk.order.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

import org.souk.order.api.Deadline;
import org.souk.order.api.DeadlineKind;

/**
 * One deadline of one order. Scheduled in the transaction of the transition that starts it, ended in the
 * transaction that fires or supersedes it; its version column lets exactly one node fire it.
 */
@Entity
@Table(name = "order_timer")
public class OrderTimerEntity {

    enum State { PENDING, FIRED, CANCELLED }

    @Id
    private String id;
    @Column(name = "order_id")
    private String orderId;
    @Enumerated(EnumType.STRING)
    private DeadlineKind kind;
    @Enumerated(EnumType.STRING)
    private State state;
    @Column(name = "due_at")
    private Instant dueAt;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "ended_at")
    private Instant endedAt;
    /** An automatic completion that waited once for a cancellation request's answer waits no more. */
    private int postponed;
    @Version
    private long version;

    protected OrderTimerEntity() {
    }

    OrderTimerEntity(String id, String orderId, DeadlineKind kind, Instant dueAt, Instant now) {
        this.id = id;
        this.orderId = orderId;
        this.kind = kind;
        this.state = State.PENDING;
        this.dueAt = dueAt;
        this.createdAt = now;
    }

    String id() {
        return id;
    }

    String orderId() {
        return orderId;
    }

    DeadlineKind kind() {
        return kind;
    }

    Instant dueAt() {
        return dueAt;
    }

    boolean pending() {
        return state == State.PENDING;
    }

    boolean dueAt(Instant now) {
        return pending() && !dueAt.isAfter(now);
    }

    /**
     * Claims the deadline for a handler outside the transaction: it stays pending but falls due again only
     * after {@code until}, so that no other poller takes it meanwhile and a crash leaves it to be tried again.
     */
    void claimUntil(Instant until) {
        dueAt = until;
    }

    /** The deadline falls due at another time: a due date extended, an automatic completion that waits. */
    void moveTo(Instant at) {
        dueAt = at;
    }

    /** Whether an automatic completion may still wait for a cancellation request: once per delivery. */
    boolean mayPostpone() {
        return postponed == 0;
    }

    void postpone(Instant at) {
        dueAt = at;
        postponed++;
    }

    void fired(Instant now) {
        state = State.FIRED;
        endedAt = now;
    }

    void cancelled(Instant now) {
        state = State.CANCELLED;
        endedAt = now;
    }

    Deadline toDeadline() {
        return new Deadline(orderId, kind, dueAt);
    }
}
