package org.souk.ledger.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;

import org.souk.common.api.Money;
import org.souk.ledger.api.Conversion;
import org.souk.ledger.api.LedgerEntry;
import org.souk.ledger.api.Posting;
import org.souk.ledger.api.PostingKind;

/** One ledger transaction; written once, never changed (so it needs no version). */
@Entity
@Table(name = "ledger_posting")
public class PostingEntity {

    @Id
    private String id;
    /** Rises with each posting written on a node: the order of postings written in one instant. */
    private long seq;
    private String cause;
    @Enumerated(EnumType.STRING)
    private PostingKind kind;
    @Column(name = "order_id")
    private String orderId;
    @Column(name = "freelancer_id")
    private String freelancerId;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "commission_percent")
    private String commissionPercent;
    @Column(name = "charged_minor")
    private Long chargedMinor;
    @Column(name = "charged_currency")
    private String chargedCurrency;
    @Column(name = "charge_rate")
    private String chargeRate;

    protected PostingEntity() {
    }

    PostingEntity(String id, long seq, String cause, PostingKind kind, String orderId, String freelancerId, Instant now,
            BigDecimal commissionPercent, Conversion conversion) {
        this.id = id;
        this.seq = seq;
        this.cause = cause;
        this.kind = kind;
        this.orderId = orderId;
        this.freelancerId = freelancerId;
        this.createdAt = now;
        this.commissionPercent = commissionPercent == null ? null : commissionPercent.toPlainString();
        if (conversion != null) {
            this.chargedMinor = conversion.charged().minor();
            this.chargedCurrency = conversion.charged().currency();
            this.chargeRate = conversion.rate().toPlainString();
        }
    }

    String id() {
        return id;
    }

    long seq() {
        return seq;
    }

    String cause() {
        return cause;
    }

    PostingKind kind() {
        return kind;
    }

    String orderId() {
        return orderId;
    }

    String freelancerId() {
        return freelancerId;
    }

    Instant createdAt() {
        return createdAt;
    }

    /** The commission percent a release was posted at, or null for other postings. */
    BigDecimal commissionPercent() {
        return commissionPercent == null ? null : new BigDecimal(commissionPercent);
    }

    Posting toPosting(List<LedgerEntry> entries) {
        Conversion conversion = chargedMinor == null ? null
                : new Conversion(Money.ofMinor(chargedMinor, chargedCurrency), new BigDecimal(chargeRate));
        return new Posting(id, cause, kind, orderId, freelancerId, createdAt, entries, conversion);
    }
}
