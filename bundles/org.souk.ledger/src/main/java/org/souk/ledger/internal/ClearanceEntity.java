package org.souk.ledger.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

import org.souk.common.api.Money;

/**
 * When an order's released earnings become available. Scheduled in the transaction of the release, fired
 * in its own transaction; its version column lets exactly one node fire it.
 */
@Entity
@Table(name = "ledger_clearance")
public class ClearanceEntity {

    static final String PENDING = "PENDING";
    static final String FIRED = "FIRED";

    @Id
    private String id;
    @Column(name = "order_id")
    private String orderId;
    @Column(name = "freelancer_id")
    private String freelancerId;
    @Column(name = "amount_minor")
    private long amountMinor;
    private String currency;
    private String state;
    @Column(name = "due_at")
    private Instant dueAt;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "ended_at")
    private Instant endedAt;
    @Version
    private long version;

    protected ClearanceEntity() {
    }

    ClearanceEntity(String id, String orderId, String freelancerId, Money amount, Instant dueAt, Instant now) {
        this.id = id;
        this.orderId = orderId;
        this.freelancerId = freelancerId;
        this.amountMinor = amount.minor();
        this.currency = amount.currency();
        this.state = PENDING;
        this.dueAt = dueAt;
        this.createdAt = now;
    }

    String orderId() {
        return orderId;
    }

    String freelancerId() {
        return freelancerId;
    }

    Money amount() {
        return Money.ofMinor(amountMinor, currency);
    }

    Instant dueAt() {
        return dueAt;
    }

    boolean dueAt(Instant now) {
        return PENDING.equals(state) && !dueAt.isAfter(now);
    }

    void fired(Instant now) {
        state = FIRED;
        endedAt = now;
    }
}
