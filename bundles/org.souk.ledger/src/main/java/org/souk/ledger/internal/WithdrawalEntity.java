package org.souk.ledger.internal;

import java.time.Instant;
import java.util.Map;

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
    @Column(name = "payout_iban")
    private String payoutIban;
    @Column(name = "payout_holder")
    private String payoutHolder;
    @Column(name = "payout_checked_at")
    private Instant payoutCheckedAt;
    @Column(name = "payout_released_by")
    private String payoutReleasedBy;
    @Column(name = "payout_released_at")
    private Instant payoutReleasedAt;
    @Column(name = "payout_release_note")
    private String payoutReleaseNote;
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

    long version() {
        return version;
    }

    /** When a provider was last asked about the claim (at the claim, then by the poller). */
    Instant payoutCheckedAt() {
        return payoutCheckedAt != null ? payoutCheckedAt : payoutClaimedAt;
    }

    /** Where the claim pays to, as stored at claim time; null for a claim made before it was stored. */
    Map<String, String> payoutDestination() {
        return payoutIban == null || payoutHolder == null ? null : Map.of("iban", payoutIban, "holder", payoutHolder);
    }

    String payoutReleaseNote() {
        return payoutReleaseNote;
    }

    String payoutReleasedBy() {
        return payoutReleasedBy;
    }

    /**
     * Claimed for a payout provider, to the account given; the caller flushes, so that the version refuses a
     * second claim.
     */
    void claim(String provider, String admin, Instant now, String iban, String holder) {
        this.payoutProvider = provider;
        this.payoutClaimedBy = admin;
        this.payoutClaimedAt = now;
        this.payoutCheckedAt = now;
        this.payoutIban = iban;
        this.payoutHolder = holder;
    }

    /** A node is about to ask the provider about the claim; the caller flushes, so one node wins. */
    void checked(Instant now) {
        this.payoutCheckedAt = now;
    }

    /**
     * An administrator took the claim back from its provider: the withdrawal may be paid or rejected by hand again.
     * The provider's reference goes into the note, with the administrator's.
     */
    void release(String admin, String note, Instant now) {
        this.payoutReleaseNote = note;
        this.payoutReleasedBy = admin;
        this.payoutReleasedAt = now;
        this.payoutProvider = null;
        this.reference = null;
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
