package org.souk.ledger.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;

import org.souk.common.api.Money;
import org.souk.ledger.api.Withdrawal;
import org.souk.ledger.api.WithdrawalStatus;

/**
 * A withdrawal request; {@code open_key} is the freelancer id while it is open, so one is open at a time. A
 * request claimed for a payout provider names the provider ({@code payout_provider}) and is then decided only
 * by the provider's answer ({@link PayoutRules#mayDecide}).
 */
@Entity
@Table(name = "ledger_withdrawal")
public class WithdrawalEntity {

    @Id
    private String id;
    @Column(name = "freelancer_id")
    private String freelancerId;
    @Column(name = "amount_minor")
    private long amountMinor;
    private String currency;
    @Enumerated(EnumType.STRING)
    private WithdrawalStatus status;
    @Column(name = "open_key")
    private String openKey;
    @Column(name = "requested_at")
    private Instant requestedAt;
    @Column(name = "decided_at")
    private Instant decidedAt;
    @Column(name = "decided_by")
    private String decidedBy;
    private String reference;
    private String reason;
    @Column(name = "payout_provider")
    private String payoutProvider;
    @Column(name = "payout_claimed_at")
    private Instant payoutClaimedAt;
    @Column(name = "payout_claimed_by")
    private String payoutClaimedBy;
    @Version
    private long version;

    protected WithdrawalEntity() {
    }

    WithdrawalEntity(String id, String freelancerId, Money amount, Instant now) {
        this.id = id;
        this.freelancerId = freelancerId;
        this.amountMinor = amount.minor();
        this.currency = amount.currency();
        this.status = WithdrawalStatus.REQUESTED;
        this.openKey = freelancerId;
        this.requestedAt = now;
    }

    String id() {
        return id;
    }

    String freelancerId() {
        return freelancerId;
    }

    Money amount() {
        return Money.ofMinor(amountMinor, currency);
    }

    WithdrawalStatus status() {
        return status;
    }

    String payoutProvider() {
        return payoutProvider;
    }

    Instant payoutClaimedAt() {
        return payoutClaimedAt;
    }

    String reference() {
        return reference;
    }

    /** Claimed for a payout provider; the caller flushes, so that the version refuses a second claim. */
    void claim(String provider, String admin, Instant now) {
        this.payoutProvider = provider;
        this.payoutClaimedBy = admin;
        this.payoutClaimedAt = now;
    }

    /** The provider accepted the payout under this reference and has not settled it yet. */
    void accepted(String providerReference) {
        this.reference = providerReference;
    }

    void decide(WithdrawalStatus outcome, String admin, String referenceOrReason, Instant now) {
        PayoutRules.mayDecide(id, payoutProvider, admin);
        this.status = outcome;
        this.openKey = null;
        this.decidedBy = admin;
        this.decidedAt = now;
        if (outcome == WithdrawalStatus.PAID) {
            this.reference = referenceOrReason;
        } else {
            this.reason = referenceOrReason;
        }
    }

    Withdrawal toWithdrawal() {
        return new Withdrawal(id, freelancerId, amount(), status, requestedAt, decidedAt, decidedBy, reference, reason,
                payoutProvider);
    }
}
