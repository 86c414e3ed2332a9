package org.souk.audit.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

import org.souk.common.api.audit.AuditEntry;

/** One administrator's change; written once, never updated. */
@Entity
@Table(name = "audit_entry")
public class AuditEntryEntity {

    @Id
    private String id;
    @Column(name = "occurred_at")
    private Instant at;
    private String actor;
    private String action;
    private String target;
    @Column(name = "order_id")
    private String orderId;
    private String reason;
    private String outcome;

    protected AuditEntryEntity() {
    }

    AuditEntryEntity(String id, Instant at, String actor, String action, String target, String orderId, String reason,
            String outcome) {
        this.id = id;
        this.at = at;
        this.actor = actor;
        this.action = action;
        this.target = target;
        this.orderId = orderId;
        this.reason = reason;
        this.outcome = outcome;
    }

    AuditEntry toEntry() {
        return new AuditEntry(id, at, actor, action, target, orderId, reason, outcome);
    }
}
